package io.shoal.router.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.router.api.Dispatcher;
import io.shoal.router.loop.IoLoops;
import io.shoal.router.metrics.RouterMetrics;
import io.shoal.router.testing.FakeCluster;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A server on loops it shares with the cluster client still closes its connections when it closes. */
class SharedLoopsServerTest {
  @Test
  void closingTheServerClosesItsKeepAliveConnectionsWhileTheLoopsRunOn() throws Exception {
    try (IoLoops loops = new IoLoops(1)) {
      FakeCluster cluster = new FakeCluster();
      HttpApiServer server = new HttpApiServer("127.0.0.1", 0, Dispatcher.forCluster(cluster), loops,
          new RouterMetrics(), () -> true).start();
      try (Socket s = new Socket("127.0.0.1", server.port())) {
        s.setSoTimeout(5000);
        OutputStream out = s.getOutputStream();
        out.write("GET /health HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = s.getInputStream();
        byte[] buf = new byte[4096];
        int n = in.read(buf);
        assertThat(new String(buf, 0, n, StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 200");

        server.close();
        // The keep-alive connection is closed by the server: the next read ends the stream.
        int next;
        do {
          next = in.read(buf);
        } while (next > 0);
        assertThat(next).isEqualTo(-1);
        assertThat(loops.loop(0).isShuttingDown()).isFalse();
      }
    }
  }
}
