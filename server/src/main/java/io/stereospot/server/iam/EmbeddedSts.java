package io.stereospot.server.iam;

import io.stereospot.server.datadir.DiskFull;
import io.stereospot.server.iam.MintedCredentials;
import io.stereospot.server.iam.RootCredentials;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded STS: {@code AssumeRole} in the AWS query protocol at {@code /} of its own port (the SDK drops an
 * endpoint's path, so it cannot share the API's port under a prefix). Plain Jetty (the API's own), not the JDK's
 * HttpServer: that one writes headers and body in two packets without TCP_NODELAY, and the delayed ACK cost 40 ms
 * of every session create.
 */
public final class EmbeddedSts implements AutoCloseable {

    /** The role the embedded STS pretends to assume; it only ever grants PutObject under {@code stream_input/}. */
    public static final String LOCAL_ROLE_ARN = "arn:aws:iam::000000000000:role/stereospot-uploader";
    private static final int MAX_BODY_BYTES = 64 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedSts.class);

    private final Server server;
    private final URI endpoint;

    private EmbeddedSts(Server server, URI endpoint) {
        this.server = server;
        this.endpoint = endpoint;
    }

    public static EmbeddedSts start(String host, int port, RootCredentials root, MintedCredentials minted,
            String bucket, Clock clock) {
        AssumeRoleHandler assumeRole = new AssumeRoleHandler(root, minted, LOCAL_ROLE_ARN, bucket, clock);
        QueuedThreadPool threads = new QueuedThreadPool(16, 2);
        threads.setName("embedded-sts");
        threads.setDaemon(true);
        Server server = new Server(threads);
        ServerConnector connector = new ServerConnector(server, 1, 1);
        connector.setHost(host);
        connector.setPort(port);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                serve(request, response, callback, assumeRole);
                return true;
            }
        });
        server.setErrorHandler(new XmlErrorHandler());
        try {
            server.start();
        } catch (Exception e) {
            stopQuietly(server);
            throw new IllegalStateException("The embedded STS could not listen on " + host + ":" + port + ": "
                    + e.getMessage(), e);
        }
        URI endpoint = URI.create("http://" + host + ":" + connector.getLocalPort());
        LOG.info("Embedded STS listening on {}", endpoint);
        return new EmbeddedSts(server, endpoint);
    }

    private static void serve(Request request, Response response, Callback callback, AssumeRoleHandler assumeRole) {
        int status;
        String xml;
        try {
            if (!"/".equals(request.getHttpURI().getPath())) {
                throw new StsError(404, "NotFound", "The STS answers at / only.");
            }
            if (!"POST".equals(request.getMethod())) {
                response.getHeaders().put(HttpHeader.ALLOW, "POST");
                throw new StsError(405, "MethodNotAllowed", "The STS answers POST only.");
            }
            byte[] body = readLimited(request);
            SigV4Verifier.SignedRequest signed = new SigV4Verifier.SignedRequest(request.getMethod(),
                    request.getHttpURI().getPath(), request.getHttpURI().getQuery(),
                    name -> header(request.getHeaders(), name), body);
            xml = assumeRole.handle(signed);
            status = 200;
        } catch (StsError e) {
            LOG.info("STS refused a request: {} {}", e.status(), e.code());
            status = e.status();
            xml = StsXml.error(e.status(), e.code(), e.getMessage());
        } catch (IOException e) {
            status = 400;
            xml = StsXml.error(400, "IncompleteBody", "The request body could not be read.");
        } catch (RuntimeException e) {
            if (DiskFull.isCause(e)) {
                // The credential could not be remembered: refuse it (retryable) rather than hand out one that a
                // restarted server would not know.
                LOG.warn("The embedded STS refused AssumeRole: the data dir's disk is full");
                status = 503;
                xml = StsXml.error(503, "ServiceUnavailable", DiskFull.MESSAGE);
            } else {
                LOG.error("The embedded STS failed on a request", e);
                status = 500;
                xml = StsXml.error(500, "InternalFailure", "The STS failed; see the server log.");
            }
        }
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/xml");
        Content.Sink.write(response, true, xml, callback);
    }

    private static String header(HttpFields headers, String name) {
        List<String> values = headers.getValuesList(name);
        return values.isEmpty() ? null : String.join(",", values);
    }

    private static byte[] readLimited(Request request) throws IOException, StsError {
        try (InputStream in = Content.Source.asInputStream(request)) {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) {
                throw new StsError(413, "RequestEntityTooLarge", "The request body is too large.");
            }
            return body;
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    @Override
    public void close() {
        stopQuietly(server);
    }

    private static void stopQuietly(Server server) {
        try {
            server.stop();
        } catch (Exception e) {
            LOG.warn("The embedded STS did not stop cleanly: {}", e.toString());
        }
    }

    /** Errors Jetty answers itself (malformed requests) in the STS's XML shape too. */
    private static final class XmlErrorHandler extends ErrorHandler {

        @Override
        protected void generateResponse(Request request, Response response, int code, String message,
                Throwable cause, Callback callback) {
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/xml");
            response.write(true, ByteBuffer.wrap(StsXml.error(code, "InvalidRequest", "Malformed request.")
                    .getBytes(StandardCharsets.UTF_8)), callback);
        }
    }
}
