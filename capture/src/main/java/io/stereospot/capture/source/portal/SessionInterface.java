package io.stereospot.capture.source.portal;

import java.util.Map;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.messages.DBusSignal;
import org.freedesktop.dbus.types.Variant;

/** {@code org.freedesktop.portal.Session}: closing it ends the screen cast; the desktop says so when it ends it. */
@DBusInterfaceName("org.freedesktop.portal.Session")
public interface SessionInterface extends DBusInterface {

    void Close();

    /** The desktop ended the session (the person pressed "Stop sharing", the shared window went). */
    class Closed extends DBusSignal {

        public Closed(String path, Map<String, Variant<?>> details) throws DBusException {
            super(path, details);
        }
    }
}
