package io.stereospot.capture.source.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;
import org.junit.jupiter.api.Test;

/** Start's results as dbus-java hands them over: the node, its size, the token. */
class PortalStreamsTest {

    @Test
    void theFirstStreamsNodeSizeAndTheTokenAreRead() throws Exception {
        // a(ua{sv}) arrives as a list of Object[] structs; the size (ii) inside its variant as an Object[] too.
        Object[] stream = {new UInt32(36), Map.of("size", new Variant<>(new Object[] {1280, 720}, "(ii)"))};
        assertThat(PortalStreams.first(List.<Object>of((Object) stream), Optional.of("e5e93bd9")))
                .isEqualTo(new PortalScreenCast.Stream(36, 1280, 720, Optional.of("e5e93bd9")));
    }

    @Test
    void noStreamIsAFailureWithASentence() {
        assertThatThrownBy(() -> PortalStreams.first(Map.<String, Variant<?>>of())).isInstanceOf(PortalException.class)
                .hasMessage("The system's screen sharing started no stream.");
    }
}
