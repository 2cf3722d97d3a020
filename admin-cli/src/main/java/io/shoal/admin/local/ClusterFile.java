package io.shoal.admin.local;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The contents of {@code <dataDir>/cluster.json}: the layout of a local cluster and the last known
 * state of each of its processes (nodes in order, then the router).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClusterFile(int format, String host, int groups, List<ProcessRecord> processes) {

  public static final int FORMAT = 1;
  public static final String FILE_NAME = "cluster.json";

  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  public ClusterFile {
    processes = processes == null ? List.of() : List.copyOf(processes);
  }

  public List<ProcessRecord> nodes() {
    return processes.stream().filter(ProcessRecord::isNode).toList();
  }

  public Optional<ProcessRecord> router() {
    return processes.stream().filter(p -> p.role() == ProcessRecord.Role.ROUTER).findFirst();
  }

  public Optional<ProcessRecord> find(String name) {
    return processes.stream().filter(p -> p.name().equals(name)).findFirst();
  }

  /** This file with the process of the same name replaced (or appended if new). */
  public ClusterFile with(ProcessRecord record) {
    List<ProcessRecord> out = new ArrayList<>(processes);
    int i = indexOf(record.name());
    if (i >= 0) {
      out.set(i, record);
    } else {
      out.add(record);
    }
    return new ClusterFile(format, host, groups, out);
  }

  /** The layout this file records; fails if it has no node or no router. */
  public ClusterLayout layout() {
    List<NodeSlot> slots = nodes().stream()
        .map(p -> new NodeSlot(p.name(), p.zone(), p.host(), p.raftPort(), p.grpcPort(),
            p.httpPort() != null ? p.httpPort() : ClusterLayout.derivedHttpPort(p.raftPort())))
        .toList();
    int routerPort = router().map(ProcessRecord::httpPort)
        .orElse(ClusterLayout.DEFAULT_ROUTER_PORT);
    return new ClusterLayout(host, slots, groups, routerPort);
  }

  private int indexOf(String name) {
    for (int i = 0; i < processes.size(); i++) {
      if (processes.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  public static Path path(Path dataDir) {
    return dataDir.resolve(FILE_NAME);
  }

  public static boolean exists(Path dataDir) {
    return Files.isRegularFile(path(dataDir));
  }

  public static ClusterFile read(Path dataDir) throws IOException {
    Path file = path(dataDir);
    ClusterFile f = JSON.readValue(file.toFile(), ClusterFile.class);
    if (f.format() > FORMAT) {
      throw new IOException(file + " has format " + f.format() + "; this shoal reads up to " + FORMAT);
    }
    return f;
  }

  /** Writes atomically (temp file + rename), so a crash never leaves half a file behind. */
  public void write(Path dataDir) throws IOException {
    Files.createDirectories(dataDir);
    Path tmp = Files.createTempFile(dataDir, FILE_NAME, ".tmp");
    try {
      JSON.writeValue(tmp.toFile(), this);
      Files.move(tmp, path(dataDir), StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  public String toJson() throws IOException {
    return JSON.writeValueAsString(this);
  }

  public static ClusterFile fromJson(String json) throws IOException {
    return JSON.readValue(json, ClusterFile.class);
  }
}
