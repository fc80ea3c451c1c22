package io.stereospot.server.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

/** nginx (the Debian package) serving a folder of static files on a free local port: the anchor to compare with. */
final class StaticNginx implements AutoCloseable {

    private final Process process;
    private final int port;

    private StaticNginx(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Serves {@code www} (made world-readable: nginx workers run as nobody). */
    static StaticNginx serve(Path www, Path workDir) throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        Files.createDirectories(workDir.resolve("tmp"));
        String conf = """
                daemon off;
                worker_processes auto;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log warn;
                events { worker_connections 4096; }
                http {
                  access_log off;
                  client_body_temp_path %1$s/tmp/body; proxy_temp_path %1$s/tmp/proxy;
                  fastcgi_temp_path %1$s/tmp/fcgi; uwsgi_temp_path %1$s/tmp/uwsgi; scgi_temp_path %1$s/tmp/scgi;
                  types { application/vnd.apple.mpegurl m3u8; video/mp2t ts; }
                  server {
                    listen 127.0.0.1:%2$d;
                    root %3$s;
                    location / { add_header Cache-Control "max-age=1"; }
                  }
                }
                """.formatted(workDir, port, www);
        Path confFile = workDir.resolve("nginx.conf");
        Files.writeString(confFile, conf);
        openUp(www);
        Process process = new ProcessBuilder("nginx", "-c", confFile.toString(), "-p", workDir.toString())
                .redirectErrorStream(true).redirectOutput(workDir.resolve("nginx.out").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                break;
            } catch (IOException e) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    process.destroyForcibly();
                    throw new IllegalStateException("nginx did not start: " + Files.readString(
                            workDir.resolve("nginx.out")));
                }
                Thread.sleep(20);
            }
        }
        return new StaticNginx(process, port);
    }

    private static void openUp(Path www) throws IOException {
        try (var paths = Files.walk(www)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(
                        Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        for (Path p = www.getParent(); p != null && !p.equals(p.getRoot()); p = p.getParent()) {
            // Only our own folders below the temp root, never the shared temp root itself.
            if (p.startsWith(tmp) && !p.equals(tmp)) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
    }

    URI url(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
