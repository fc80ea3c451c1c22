package io.stereospot.capture.source.portal;

import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.interfaces.DBusInterface;

/** {@code org.freedesktop.portal.Session}: closing it ends the screen cast. */
@DBusInterfaceName("org.freedesktop.portal.Session")
public interface SessionInterface extends DBusInterface {

    void Close();
}
