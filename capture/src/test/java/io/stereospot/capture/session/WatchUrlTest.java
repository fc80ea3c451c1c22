package io.stereospot.capture.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stereospot.contract.StreamSession;
import java.net.URI;
import org.junit.jupiter.api.Test;

/**
 * The watch page's address: on the server's watch origin (its HTTPS port) when the session names one, else on the
 * playlist's origin: scheme, host (IPv6 in brackets) and port.
 */
class WatchUrlTest {

    private static final String ID = "dc81e57f-62a8-4d0b-ac94-7e4c5cd97851";

    @Test
    void aLanHostAndItsPortAreKept() {
        assertThat(WatchUrl.of("http://192.168.1.20:8470/stream/" + ID + "/playlist.m3u8", ID))
                .hasToString("http://192.168.1.20:8470/watch/" + ID);
    }

    @Test
    void anIpv6HostStaysInOnePairOfBrackets() {
        assertThat(WatchUrl.of("http://[fd00::1a2b]:8470/stream/" + ID + "/playlist.m3u8", ID))
                .hasToString("http://[fd00::1a2b]:8470/watch/" + ID);
    }

    @Test
    void anHttpsOriginWithoutAPortStaysWithoutOne() {
        assertThat(WatchUrl.of("https://stream.example.org/stream/" + ID + "/playlist.m3u8", ID))
                .hasToString("https://stream.example.org/watch/" + ID);
        assertThat(WatchUrl.of("HTTPS://stream.example.org:9443/stream/" + ID + "/playlist.m3u8", ID))
                .hasToString("https://stream.example.org:9443/watch/" + ID);
    }

    @Test
    void onlyTheOriginIsKeptOfThePlaylistUrl() {
        assertThat(WatchUrl.of("http://viewer:pw@127.0.0.1:46279/some/prefix/stream/" + ID
                + "/playlist.m3u8?token=x#frag", ID)).hasToString("http://127.0.0.1:46279/watch/" + ID);
    }

    @Test
    void aSessionGivesItsOwnPage() {
        StreamSession session = new StreamSession(ID, "http://10.0.0.5:8470/stream/" + ID + "/playlist.m3u8", null);
        assertThat(WatchUrl.forSession(session)).map(WatchUrl::uri)
                .contains(URI.create("http://10.0.0.5:8470/watch/" + ID));
    }

    @Test
    void theServersWatchOriginIsPreferredToThePlaylistsOrigin() {
        StreamSession session = new StreamSession(ID, "http://192.168.1.20:8470/stream/" + ID + "/playlist.m3u8",
                null, null, "https://192.168.1.20:8474");
        assertThat(WatchUrl.forSession(session)).map(WatchUrl::uri)
                .contains(URI.create("https://192.168.1.20:8474/watch/" + ID));
        StreamSession v6 = new StreamSession(ID, "http://[fd00::7]:8470/stream/" + ID + "/playlist.m3u8",
                null, null, "https://[fd00::7]:8474/");
        assertThat(WatchUrl.forSession(v6)).map(WatchUrl::toString).contains("https://[fd00::7]:8474/watch/" + ID);
    }

    @Test
    void anUnusableWatchOriginFallsBackToThePlaylistsOrigin() {
        StreamSession session = new StreamSession(ID, "http://10.0.0.5:8470/stream/" + ID + "/playlist.m3u8",
                null, null, "ftp://10.0.0.5:8474");
        assertThat(WatchUrl.forSession(session)).map(WatchUrl::toString).contains("http://10.0.0.5:8470/watch/" + ID);
    }

    @Test
    void aSessionWithoutAnOriginOrAnIdHasNoPage() {
        assertThat(WatchUrl.forSession(new StreamSession(ID, "/stream/" + ID + "/playlist.m3u8", null))).isEmpty();
        assertThat(WatchUrl.forSession(new StreamSession("0b7c", "http://10.0.0.5:8470/playlist.m3u8", null)))
                .isEmpty();
        assertThat(WatchUrl.forSession(new StreamSession(ID, null, null))).isEmpty();
    }

    @Test
    void refusesWhatIsNoWebAddressOrNoSessionId() {
        assertThatThrownBy(() -> WatchUrl.of("file:///tmp/playlist.m3u8", ID))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no http or https origin");
        assertThatThrownBy(() -> WatchUrl.of("http://exa mple/playlist.m3u8", ID))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a web address");
        assertThatThrownBy(() -> WatchUrl.of("http://127.0.0.1:8470/stream/x/playlist.m3u8", "../admin"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("UUID");
    }
}
