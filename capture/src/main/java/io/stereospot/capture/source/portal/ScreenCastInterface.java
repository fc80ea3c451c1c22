package io.stereospot.capture.source.portal;

import java.util.Map;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.types.Variant;

/**
 * {@code org.freedesktop.portal.ScreenCast} as dbus-java proxies it. Each call returns the object path of a
 * {@link RequestInterface} whose {@code Response} signal carries the answer. The method names are the portal's.
 */
@DBusInterfaceName("org.freedesktop.portal.ScreenCast")
public interface ScreenCastInterface extends DBusInterface {

    DBusPath CreateSession(Map<String, Variant<?>> options);

    DBusPath SelectSources(DBusPath session, Map<String, Variant<?>> options);

    DBusPath Start(DBusPath session, String parentWindow, Map<String, Variant<?>> options);
}
