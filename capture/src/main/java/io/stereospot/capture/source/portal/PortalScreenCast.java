package io.stereospot.capture.source.portal;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One screen cast through the xdg-desktop-portal: CreateSession, SelectSources (asking the portal to remember the
 * choice: {@code persist_mode} 2, and the {@code restore_token} of the last time), Start. Start answers with the
 * PipeWire node to read and a new restore token. The D-Bus connection and the portal session stay open until
 * {@link #close()}: closing them ends the stream.
 */
public final class PortalScreenCast implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PortalScreenCast.class);
    private static final String BUS_NAME = "org.freedesktop.portal.Desktop";
    private static final String OBJECT = "/org/freedesktop/portal/desktop";
    private static final AtomicInteger TOKENS = new AtomicInteger();
    /** {@code types}: 1 a monitor, 2 a window. */
    public static final int MONITOR = 1;
    public static final int WINDOW = 2;
    /** {@code persist_mode} 2: remember the choice until the person revokes it. */
    private static final int PERSIST_UNTIL_REVOKED = 2;

    /** What Start gave: the PipeWire node, its size when the portal says it, the token for next time. */
    public record Stream(int nodeId, int width, int height, Optional<String> restoreToken) {
    }

    private final DBusConnection connection;
    private final ScreenCastInterface portal;
    private final String senderPath;
    private DBusPath session;
    private volatile boolean closedByDesktop;
    private AutoCloseable closedHandler;

    private PortalScreenCast(DBusConnection connection) throws DBusException {
        this.connection = connection;
        this.portal = connection.getRemoteObject(BUS_NAME, OBJECT, ScreenCastInterface.class);
        this.senderPath = connection.getUniqueName().substring(1).replace('.', '_');
    }

    /** Connects to the session bus at {@code busAddress} ({@code DBUS_SESSION_BUS_ADDRESS}). */
    public static PortalScreenCast connect(String busAddress) throws PortalException {
        if (busAddress == null || busAddress.isBlank()) {
            throw new PortalException(PortalException.Kind.NO_PORTAL, "There is no D-Bus session bus"
                    + " (DBUS_SESSION_BUS_ADDRESS is not set), so the system's screen sharing cannot be asked.");
        }
        try {
            return new PortalScreenCast(DBusConnectionBuilder.forAddress(busAddress).withShared(false).build());
        } catch (DBusException | RuntimeException e) {
            throw new PortalException(PortalException.Kind.NO_PORTAL,
                    "Could not reach the D-Bus session bus: " + e.getMessage());
        }
    }

    /** The ScreenCast portal's version (4 and later remember a choice), or a NO_PORTAL failure. */
    public int version() throws PortalException {
        try {
            Properties properties = connection.getRemoteObject(BUS_NAME, OBJECT, Properties.class);
            Object version = properties.Get("org.freedesktop.portal.ScreenCast", "version");
            return ((Number) version).intValue();
        } catch (DBusException | DBusExecutionException | ClassCastException e) {
            throw new PortalException(PortalException.Kind.NO_PORTAL, "The desktop offers no screen sharing"
                    + " portal (org.freedesktop.portal.ScreenCast): install xdg-desktop-portal and the one for your"
                    + " desktop (-gnome, -kde or -wlr). (" + e.getMessage() + ")");
        }
    }

    /** Which kinds of source the portal offers: a bit set of {@link #MONITOR} and {@link #WINDOW}. */
    public int availableSourceTypes() throws PortalException {
        version();
        try {
            Properties properties = connection.getRemoteObject(BUS_NAME, OBJECT, Properties.class);
            return ((Number) properties.Get("org.freedesktop.portal.ScreenCast", "AvailableSourceTypes"))
                    .intValue();
        } catch (DBusException | DBusExecutionException | ClassCastException e) {
            throw new PortalException(PortalException.Kind.NO_PORTAL, "The screen sharing portal does not say"
                    + " what it can share: " + e.getMessage());
        }
    }

    /**
     * Asks for one source of {@code types} and starts it. The system shows its dialog unless {@code restoreToken}
     * is one it remembers.
     *
     * @param answerTimeout how long a person may take over the dialog
     */
    public Stream start(int types, Optional<String> restoreToken, Duration answerTimeout) throws PortalException {
        int version = version();
        Map<String, Variant<?>> created = call(answerTimeout, token -> portal.CreateSession(options(token,
                "session_handle_token", new Variant<>("stereospot" + TOKENS.incrementAndGet()))));
        session = new DBusPath((String) created.get("session_handle").getValue());
        String sessionPath = session.getPath();
        try {
            closedHandler = connection.addSigHandler(SessionInterface.Closed.class, signal -> {
                if (signal.getPath().equals(sessionPath)) {
                    closedByDesktop = true;
                }
            });
        } catch (DBusException e) {
            LOG.debug("Cannot listen for the portal session's end: {}", e.getMessage());
        }
        Map<String, Variant<?>> select = new HashMap<>();
        select.put("types", new Variant<>(new UInt32(types)));
        select.put("multiple", new Variant<>(false));
        if (version >= 4) {
            select.put("persist_mode", new Variant<>(new UInt32(PERSIST_UNTIL_REVOKED)));
            restoreToken.ifPresent(t -> select.put("restore_token", new Variant<>(t)));
        }
        call(answerTimeout, token -> {
            Map<String, Variant<?>> options = options(token);
            options.putAll(select);
            return portal.SelectSources(session, options);
        });
        Map<String, Variant<?>> started = call(answerTimeout, token -> portal.Start(session, "", options(token)));
        return PortalStreams.first(started);
    }

    /** Whether the desktop ended the session (its {@code Closed} signal): the stream is over. */
    public boolean closedByDesktop() {
        return closedByDesktop;
    }

    /** Ends the screen cast: closes the portal session, then the connection. */
    @Override
    public void close() {
        try {
            if (closedHandler != null) {
                closedHandler.close();
            }
            if (session != null && !closedByDesktop) {
                connection.getRemoteObject(BUS_NAME, session.getPath(), SessionInterface.class).Close();
            }
        } catch (Exception e) {
            LOG.debug("Closing the portal session: {}", e.getMessage());
        } finally {
            connection.disconnect();
        }
    }

    private interface PortalCall {
        DBusPath call(String handleToken);
    }

    /** One Request/Response round: listens on the request's path first, so the answer cannot slip past. */
    private Map<String, Variant<?>> call(Duration timeout, PortalCall call) throws PortalException {
        String token = "stereospot" + TOKENS.incrementAndGet();
        String requestPath = OBJECT + "/request/" + senderPath + "/" + token;
        CompletableFuture<RequestInterface.Response> answer = new CompletableFuture<>();
        try (AutoCloseable handler = connection.addSigHandler(RequestInterface.Response.class, signal -> {
            if (signal.getPath().equals(requestPath)) {
                answer.complete(signal);
            }
        })) {
            call.call(token);
            RequestInterface.Response response = answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (response.code() == 1) {
                throw new PortalException(PortalException.Kind.CANCELLED,
                        "The screen sharing was cancelled in the system's dialog, so there is nothing to capture.");
            }
            if (response.code() != 0) {
                throw new PortalException(PortalException.Kind.FAILED,
                        "The system's screen sharing refused (portal answer " + response.code() + ").");
            }
            return response.results();
        } catch (TimeoutException e) {
            throw new PortalException(PortalException.Kind.FAILED, "The system's screen sharing did not answer"
                    + " within " + timeout.toSeconds() + " s.");
        } catch (DBusExecutionException | ExecutionException e) {
            throw new PortalException(PortalException.Kind.FAILED,
                    "The system's screen sharing failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PortalException(PortalException.Kind.FAILED, "Stopped while asking for the screen.");
        } catch (PortalException e) {
            throw e;
        } catch (Exception e) {
            throw new PortalException(PortalException.Kind.FAILED,
                    "The system's screen sharing failed: " + e.getMessage());
        }
    }

    private static Map<String, Variant<?>> options(String handleToken, Object... more) {
        Map<String, Variant<?>> options = new HashMap<>();
        options.put("handle_token", new Variant<>(handleToken));
        for (int i = 0; i + 1 < more.length; i += 2) {
            options.put((String) more[i], (Variant<?>) more[i + 1]);
        }
        return options;
    }
}
