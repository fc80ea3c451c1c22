package io.stereospot.app.gui.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.stereospot.capture.session.SessionClient;
import io.stereospot.contract.StreamSession;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Local mode's server serves other devices their streams but lets only the app on this computer start one. The
 * other device is a socket bound to 127.0.0.2 (a second loopback address: another source address, as a LAN peer
 * has), reaching the server at 127.0.0.1.
 */
class LanPeerTest {

    private static final String PEER = "127.0.0.2";

    @TempDir
    Path dir;

    @Test
    void aPeerCannotCreateButCanPlayWhatTheAppStarted() throws IOException {
        try (LocalStreamServer local = new LocalStreamServer(dir, 0)) {
            URI api = local.ensureRunning(false).server().baseUrl();
            StreamSession session = new SessionClient(api).create("sbs"); // the app, from 127.0.0.1

            String refused = peer(api, "POST /stream_sessions", "{\"mode\":\"sbs\"}", null);
            assertThat(refused).startsWith("HTTP/1.1 403").contains("application/json")
                    .contains("{\"error\":\"Only the StereoSpot app on this computer starts broadcasts");
            assertThat(peer(api, "POST /stream_sessions", "{}", "Bearer guessed-token")).startsWith("HTTP/1.1 403");

            String playlist = peer(api, "GET " + URI.create(session.playlistUrl()).getPath(), null, null);
            assertThat(playlist).startsWith("HTTP/1.1 200").contains("#EXTM3U");
            assertThat(peer(api, "GET /stream_sessions/" + session.sessionId(), null, null))
                    .startsWith("HTTP/1.1 200").contains("\"state\":\"live\"");

            assertThat(new SessionClient(api).create("sbs").sessionId()).as("the app still creates")
                    .isNotEqualTo(session.sessionId());
        }
    }

    /** One request from the peer's address; the whole answer, status line first. */
    private static String peer(URI api, String requestLine, String body, String authorization) throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(PEER), 0));
            socket.connect(new InetSocketAddress(api.getHost(), api.getPort()), 5000);
            socket.setSoTimeout(20_000);
            byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            String head = requestLine + " HTTP/1.1\r\nHost: " + api.getHost() + ":" + api.getPort()
                    + "\r\nConnection: close\r\nContent-Length: " + content.length + "\r\n"
                    + (body == null ? "" : "Content-Type: application/json\r\n")
                    + (authorization == null ? "" : "Authorization: " + authorization + "\r\n") + "\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(content);
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            in.transferTo(answer);
            return answer.toString(StandardCharsets.UTF_8);
        }
    }
}
