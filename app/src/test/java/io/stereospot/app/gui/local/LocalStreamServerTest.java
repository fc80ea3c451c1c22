package io.stereospot.app.gui.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.stereospot.app.gui.settings.DepthChoice;
import io.stereospot.media.testenv.Await;
import io.stereospot.server.StreamServer;
import io.stereospot.server.convert.ConverterSettings;
import io.stereospot.server.convert.DepthSettings;
import io.stereospot.server.convert.depth.DepthSource;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Local mode's server: on localhost by default, on the network address when other devices should play; with the
 * window's depth settings, restarted when they change.
 */
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
            assertThat(started.server().watchOrigin()).as("no HTTPS port for this computer alone").isEmpty();
            assertThat(local.ensureRunning(false).server()).as("same switch, same server").isSameAs(started.server());

            Optional<String> lan = LanAddresses.find();
            LocalStreamServer.Started shared = local.ensureRunning(true);
            StreamServer server = shared.server();
            assertRestarted(started.server(), server);
            assertThat(local.current()).containsSame(server);
            if (lan.isPresent()) {
                assertThat(server.baseUrl().getHost()).isEqualTo(lan.get()).isNotEqualTo("127.0.0.1");
                assertThat(server.publicUrl().getHost()).as("playlist URLs carry it").isEqualTo(lan.get());
                assertThat(server.watchOrigin()).as("the LAN's HTTPS port, for a headset's WebXR")
                        .hasValueSatisfying(o -> assertThat(o.toString()).startsWith("https://" + lan.get() + ":"));
                assertThat(dir.resolve("https").resolve("watch-key.pem")).as("kept in the data dir").isRegularFile();
                assertThat(shared.warningSentence()).isEmpty();
            } else {
                assertThat(server.baseUrl().getHost()).isEqualTo("127.0.0.1");
                assertThat(server.watchOrigin()).isEmpty();
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
    void theWindowsDepthSettingsChooseTheConverterAndAChangeRestartsTheServer() {
        List<DepthSource> seen = new CopyOnWriteArrayList<>();
        try (LocalStreamServer local = new LocalStreamServer(dir, 0)) {
            local.watchDepth(seen::add);
            DepthChoice defaults = DepthChoice.defaults();
            StreamServer depth = local.ensureRunning(false, LocalStreamServer.converterFor(defaults)).server();
            assertThat(depth.config().converter()).isEqualTo(ConverterSettings.depth(0, 0, DepthSettings.defaults()));
            assertThat(local.ensureRunning(false, LocalStreamServer.converterFor(defaults)).server())
                    .as("same settings, same server").isSameAs(depth);
            // The tests switch the download off (stereospot.depthModelUrl=off): approximate depth, and why.
            Await.until(() -> !seen.isEmpty() && seen.get(seen.size() - 1) instanceof DepthSource.Approximate a
                    && a.why().contains("downloading it is switched off"), Duration.ofSeconds(30),
                    "the depth source to say why it is approximate");

            DepthChoice stronger = new DepthChoice(true, 4.0, 0.25, "");
            StreamServer restarted = local.ensureRunning(false, LocalStreamServer.converterFor(stronger)).server();
            assertRestarted(depth, restarted);
            assertThat(restarted.config().converter().depthSettings()).isEqualTo(new DepthSettings(4.0, 0.25, null));

            StreamServer flat = local.ensureRunning(false,
                    LocalStreamServer.converterFor(new DepthChoice(false, 4.0, 0.25, ""))).server();
            assertRestarted(restarted, flat);
            assertThat(flat.config().converter()).isEqualTo(ConverterSettings.sbs());
            assertThat(seen).last().as("3D off").isEqualTo(new DepthSource.NoDepth("sbs"));
        }
    }

    @Test
    void aModelFileInTheSettingsIsTheConvertersModel() {
        Path model = dir.resolve("my-depth.onnx");
        assertThat(LocalStreamServer.converterFor(new DepthChoice(true, 2.0, 0.5, model.toString())))
                .isEqualTo(ConverterSettings.depth(0, 0, new DepthSettings(2.0, 0.5, model)));
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
