package io.stereospot.capture.source.portal;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.freedesktop.dbus.Struct;
import org.freedesktop.dbus.types.Variant;

/**
 * Reads Start's results: {@code streams} is {@code a(ua{sv})}, a PipeWire node id and its properties
 * ({@code size} is {@code (ii)}), and {@code restore_token} a string when the portal will remember the choice.
 * dbus-java hands structs inside a variant over as {@code Object[]} or {@link Struct}; both are read.
 */
final class PortalStreams {

    private PortalStreams() {
    }

    static PortalScreenCast.Stream first(Map<String, Variant<?>> results) throws PortalException {
        Variant<?> streams = results.get("streams");
        Variant<?> token = results.get("restore_token");
        return first(streams == null ? List.of() : streams.getValue(),
                token == null ? Optional.empty() : Optional.of(token.getValue().toString()));
    }

    /** @param streams the value of {@code streams} as dbus-java unmarshals it */
    static PortalScreenCast.Stream first(Object streams, Optional<String> token) throws PortalException {
        List<?> all = asList(streams);
        if (all.isEmpty()) {
            throw new PortalException(PortalException.Kind.FAILED,
                    "The system's screen sharing started no stream.");
        }
        List<?> stream = asList(all.get(0));
        int node = ((Number) stream.get(0)).intValue();
        int width = 0;
        int height = 0;
        if (stream.size() > 1 && stream.get(1) instanceof Map<?, ?> properties
                && properties.get("size") instanceof Variant<?> size) {
            List<?> wh = asList(size.getValue());
            width = ((Number) wh.get(0)).intValue();
            height = ((Number) wh.get(1)).intValue();
        }
        return new PortalScreenCast.Stream(node, width, height, token);
    }

    private static List<?> asList(Object value) {
        if (value instanceof List<?> list) {
            return list;
        }
        if (value instanceof Object[] array) {
            return Arrays.asList(array);
        }
        if (value instanceof Struct struct) {
            return Arrays.asList(struct.getParameters());
        }
        throw new IllegalArgumentException("Unexpected portal value " + value.getClass().getName() + ": " + value);
    }
}
