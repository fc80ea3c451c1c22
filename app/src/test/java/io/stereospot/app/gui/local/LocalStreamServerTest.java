package io.stereospot.app.gui.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.stereospot.server.StreamServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Local mode's server: on localhost by default, on the network address when other devices should play. */
class LocalStreamServerTest {

    @TempDir
    Path dir;

    @Test
    void listensOnThisComputerOnlyUnlessAskedAndRestartsWhenTheSwitchChanges() {
        try (LocalStreamServer local = new LocalStreamServer(dir, 0)) {
            assertThat(local.current()).isEmpty();

            LocalStreamServer.Started started = local.ensureRunning(false);
            assertThat(started.server().baseUrl().getHost()).isEqualTo("127.0.0.1");
            assertThat(started.warningSentence()).isEmpty();
            assertThat(local.ensureRunning(false).server()).as("same switch, same server").isSameAs(started.server());

            Optional<String> lan = LanAddresses.find();
            LocalStreamServer.Started shared = local.ensureRunning(true);
            StreamServer server = shared.server();
            assertRestarted(started.server(), server);
            assertThat(local.current()).containsSame(server);
            if (lan.isPresent()) {
                assertThat(server.baseUrl().getHost()).isEqualTo(lan.get()).isNotEqualTo("127.0.0.1");
                assertThat(server.publicUrl().getHost()).as("playlist URLs carry it").isEqualTo(lan.get());
                assertThat(shared.warningSentence()).isEmpty();
            } else {
                assertThat(server.baseUrl().getHost()).isEqualTo("127.0.0.1");
                assertThat(shared.warningSentence()).get().asString().contains("plays on this computer only");
            }

            StreamServer back = local.ensureRunning(false).server();
            assertRestarted(server, back);
            assertThat(back.baseUrl().getHost()).isEqualTo("127.0.0.1");
        }
    }

    /** A new server answers, and the one before is stopped: nothing listens at its address unless the new one. */
    private static void assertRestarted(StreamServer before, StreamServer after) {
        assertThat(after).as("a new server for the new switch").isNotSameAs(before);
        assertThat(refusesConnections(after.baseUrl())).as("the new server answers at %s", after.baseUrl())
                .isFalse();
        if (!after.baseUrl().equals(before.baseUrl())) {
            assertThat(refusesConnections(before.baseUrl())).as("nothing listens at %s any more", before.baseUrl())
                    .isTrue();
        }
    }

    @Test
    void closingStopsTheServer() {
        LocalStreamServer local = new LocalStreamServer(dir, 0);
        URI api = local.ensureRunning(false).server().baseUrl();
        local.close();
        assertThat(local.current()).isEmpty();
        assertThat(refusesConnections(api)).as("nothing listens at %s any more", api).isTrue();
        local.close();
    }

    private static boolean refusesConnections(URI api) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(api.getHost(), api.getPort()), 2000);
            return false;
        } catch (IOException e) {
            return true;
        }
    }
}
