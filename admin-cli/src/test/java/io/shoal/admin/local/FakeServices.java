package io.shoal.admin.local;

import com.sun.net.httpserver.HttpServer;
import io.shoal.admin.FakeMetaService;
import io.shoal.proto.ClusterView;
import java.net.InetSocketAddress;
import java.nio.file.Path;

/**
 * Stands in for what real nodes and a router would serve, for `up` tests whose processes are
 * {@code sleep}s: once cluster.json says n1 runs, a fake MetaService listens on n1's gRPC port; once
 * it says the router runs, an HTTP server answering 200 listens on the router port. Binding only then
 * keeps `up`'s free-port check before each start meaningful.
 */
final class FakeServices implements AutoCloseable {

  private final Path dataDir;
  private final Thread watcher;
  private volatile ClusterView view;
  private volatile boolean closed;
  volatile FakeMetaService meta;
  volatile HttpServer http;

  FakeServices(Path dataDir, ClusterView view) {
    this.dataDir = dataDir;
    this.view = view;
    this.watcher = new Thread(this::watch, "fake-services");
    watcher.setDaemon(true);
    watcher.start();
  }

  void view(ClusterView v) {
    view = v;
    if (meta != null) {
      meta.view(v);
    }
  }

  private void watch() {
    while (!closed) {
      try {
        if (ClusterFile.exists(dataDir)) {
          ClusterFile f = ClusterFile.read(dataDir);
          ProcessRecord n1 = f.find("n1").orElseThrow();
          if (meta == null && n1.state() == ProcessRecord.State.RUNNING) {
            meta = new FakeMetaService(n1.grpcPort(), view);
          }
          ProcessRecord router = f.router().orElseThrow();
          if (http == null && router.state() == ProcessRecord.State.RUNNING) {
            HttpServer s = HttpServer.create(
                new InetSocketAddress("127.0.0.1", router.httpPort()), 0);
            s.createContext("/", ex -> {
              ex.getRequestBody().readAllBytes();
              ex.sendResponseHeaders(200, -1);
              ex.close();
            });
            s.start();
            http = s;
          }
        }
        Thread.sleep(20);
      } catch (InterruptedException e) {
        return;
      } catch (Exception e) {
        // file mid-replace or port not yet released: try again
      }
    }
  }

  @Override
  public void close() throws Exception {
    closed = true;
    watcher.interrupt();
    watcher.join(5_000);
    if (meta != null) {
      meta.close();
    }
    if (http != null) {
      http.stop(0);
    }
  }
}
