package io.stereospot.capture.source.portal;

import java.util.Map;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.messages.DBusSignal;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;

/** {@code org.freedesktop.portal.Request}: one pending portal call and the signal that answers it. */
@DBusInterfaceName("org.freedesktop.portal.Request")
public interface RequestInterface extends DBusInterface {

    /** The answer: 0 success, 1 the user cancelled, 2 anything else; then the results. */
    class Response extends DBusSignal {

        private final UInt32 code;
        private final Map<String, Variant<?>> results;

        public Response(String path, UInt32 code, Map<String, Variant<?>> results) throws DBusException {
            super(path, code, results);
            this.code = code;
            this.results = results;
        }

        public int code() {
            return code.intValue();
        }

        public Map<String, Variant<?>> results() {
            return results;
        }
    }
}
