package io.stereospot.app.cli;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an action on Ctrl-C (SIGINT) instead of the JVM's default of exiting at once, so a command can stop cleanly
 * and still choose its own exit status. Reached through reflection: {@code sun.misc.Signal} is unsupported API,
 * and when it is missing the caller falls back to a shutdown hook.
 */
final class InterruptSignal {

    private static final Logger LOG = LoggerFactory.getLogger(InterruptSignal.class);

    private InterruptSignal() {
    }

    /** @return true when installed; false when this JVM cannot (then Ctrl-C ends the JVM as usual) */
    static boolean onInterrupt(Runnable action) {
        try {
            Class<?> signalClass = Class.forName("sun.misc.Signal");
            Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
            Object signal = signalClass.getConstructor(String.class).newInstance("INT");
            InvocationHandler call = (proxy, method, args) -> {
                if (method.getName().equals("handle")) {
                    action.run();
                    return null;
                }
                return method.getDeclaringClass() == Object.class ? method.invoke(action, args) : null;
            };
            Object handler = Proxy.newProxyInstance(InterruptSignal.class.getClassLoader(),
                    new Class<?>[] {handlerClass}, call);
            signalClass.getMethod("handle", signalClass, handlerClass).invoke(null, signal, handler);
            return true;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            LOG.debug("Cannot take over Ctrl-C: {}", e.toString());
            return false;
        }
    }
}
