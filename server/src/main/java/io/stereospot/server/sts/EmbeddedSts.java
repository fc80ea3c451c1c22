package io.stereospot.server.sts;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.stereospot.server.store.MintedCredentials;
import io.stereospot.server.store.RootCredentials;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded STS: {@code AssumeRole} in the AWS query protocol at {@code /} of its own port (the SDK drops an
 * endpoint's path, so it cannot share the API's port under a prefix).
 */
public final class EmbeddedSts implements AutoCloseable {

    /** The role the embedded STS pretends to assume; it only ever grants PutObject under {@code stream_input/}. */
    public static final String LOCAL_ROLE_ARN = "arn:aws:iam::000000000000:role/stereospot-uploader";
    private static final int MAX_BODY_BYTES = 64 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedSts.class);

    private final HttpServer server;
    private final ExecutorService executor;
    private final URI endpoint;

    private EmbeddedSts(HttpServer server, ExecutorService executor, URI endpoint) {
        this.server = server;
        this.executor = executor;
        this.endpoint = endpoint;
    }

    public static EmbeddedSts start(String host, int port, RootCredentials root, MintedCredentials minted,
            String bucket, Clock clock) {
        AssumeRoleHandler handler = new AssumeRoleHandler(root, minted, LOCAL_ROLE_ARN, bucket, clock);
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("The embedded STS could not listen on " + host + ":" + port, e);
        }
        AtomicInteger threads = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "embedded-sts-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", exchange -> serve(exchange, handler));
        server.start();
        URI endpoint = URI.create("http://" + host + ":" + server.getAddress().getPort());
        LOG.info("Embedded STS listening on {}", endpoint);
        return new EmbeddedSts(server, executor, endpoint);
    }

    private static void serve(HttpExchange exchange, AssumeRoleHandler handler) throws IOException {
        try (exchange) {
            try {
                if (!exchange.getRequestURI().getRawPath().equals("/")) {
                    throw new StsError(404, "NotFound", "The STS answers at / only.");
                }
                if (!exchange.getRequestMethod().equals("POST")) {
                    exchange.getResponseHeaders().add("Allow", "POST");
                    throw new StsError(405, "MethodNotAllowed", "The STS answers POST only.");
                }
                byte[] body = readLimited(exchange.getRequestBody());
                SigV4Verifier.SignedRequest request = new SigV4Verifier.SignedRequest(exchange.getRequestMethod(),
                        exchange.getRequestURI().getRawPath(), exchange.getRequestURI().getRawQuery(),
                        name -> header(exchange, name), body);
                respond(exchange, 200, handler.handle(request));
            } catch (StsError e) {
                LOG.info("STS refused a request: {} {}", e.status(), e.code());
                respond(exchange, e.status(), StsXml.error(e.status(), e.code(), e.getMessage()));
            } catch (RuntimeException e) {
                LOG.error("The embedded STS failed on a request", e);
                respond(exchange, 500, StsXml.error(500, "InternalFailure", "The STS failed; see the server log."));
            }
        }
    }

    private static String header(HttpExchange exchange, String name) {
        List<String> values = exchange.getRequestHeaders().get(name);
        return values == null || values.isEmpty() ? null : String.join(",", values);
    }

    private static byte[] readLimited(InputStream in) throws IOException, StsError {
        byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
        if (body.length > MAX_BODY_BYTES) {
            throw new StsError(413, "RequestEntityTooLarge", "The request body is too large.");
        }
        return body;
    }

    private static void respond(HttpExchange exchange, int status, String xml) throws IOException {
        byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/xml");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
