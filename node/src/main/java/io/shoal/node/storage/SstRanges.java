package io.shoal.node.storage;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rocksdb.EnvOptions;
import org.rocksdb.IngestExternalFileOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDBException;
import org.rocksdb.Snapshot;
import org.rocksdb.SstFileReader;
import org.rocksdb.SstFileReaderIterator;
import org.rocksdb.SstFileWriter;
import org.rocksdb.ReadOptions;

/**
 * Moves key ranges between a node's store and SST files: how a group's state travels in Raft snapshots. Export reads
 * at a RocksDB snapshot, so the file is a consistent cut; import ingests the file atomically.
 */
public final class SstRanges {
  private SstRanges() {}

  /**
   * Writes every key of {@code ranges} (ascending, non-overlapping) to {@code file}.
   *
   * @return false when the ranges held no key (RocksDB cannot write an empty SST; no file is created)
   */
  public static boolean export(RocksStorageEngine engine, Space space, List<KeyRange> ranges, Snapshot snapshot,
      Path file) {
    long[] count = {0};
    try (EnvOptions env = new EnvOptions(); Options opts = new Options();
        SstFileWriter writer = new SstFileWriter(env, opts)) {
      boolean[] opened = {false};
      for (KeyRange r : ranges) {
        engine.scan(space, r.from(), r.to(), snapshot, (k, v) -> {
          try {
            if (!opened[0]) {
              writer.open(file.toString());
              opened[0] = true;
            }
            writer.put(k, v);
            count[0]++;
          } catch (RocksDBException e) {
            throw new StorageException("cannot write " + file, e);
          }
          return true;
        });
      }
      if (opened[0]) {
        writer.finish();
      }
      return opened[0];
    } catch (RocksDBException e) {
      throw new StorageException("cannot write " + file, e);
    }
  }

  /** Ingests an SST file written by {@link #export}. */
  public static void ingest(RocksStorageEngine engine, Space space, Path file) {
    try (IngestExternalFileOptions opts = new IngestExternalFileOptions()) {
      // Copy, not move: the file still belongs to the Raft snapshot directory.
      opts.setMoveFiles(false);
      engine.db().ingestExternalFile(engine.handle(space), List.of(file.toString()), opts);
    } catch (RocksDBException e) {
      throw new StorageException("cannot ingest " + file, e);
    }
  }

  /** Reads all keys of an SST file (used for small files such as a group's bookkeeping). */
  public static List<byte[][]> readAll(Path file) {
    List<byte[][]> out = new ArrayList<>();
    try (Options opts = new Options(); SstFileReader reader = new SstFileReader(opts)) {
      reader.open(file.toString());
      try (ReadOptions ro = new ReadOptions(); SstFileReaderIterator it = reader.newIterator(ro)) {
        for (it.seekToFirst(); it.isValid(); it.next()) {
          out.add(new byte[][] {it.key(), it.value()});
        }
      }
    } catch (RocksDBException e) {
      throw new StorageException("cannot read " + file, e);
    }
    return out;
  }

  public static void deleteRanges(RocksStorageEngine engine, Space space, List<KeyRange> ranges) {
    try (StorageEngine.Batch b = engine.newBatch()) {
      for (KeyRange r : ranges) {
        b.deleteRange(space, r.from(), r.to());
      }
      engine.write(b);
    }
  }
}
