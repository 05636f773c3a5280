package com.amdahl.connections.app;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.function.Supplier;

/**
 * An outbound port whose implementation is built on its first call. The providers (a hundred-odd
 * connector classes, their HTTP clients) are needed by a sync or a connect, never by start-up,
 * {@code /healthz} or a CLI command that writes one row.
 */
final class LazyPort {
    private LazyPort() {
    }

    /** A {@code type} that builds its target with {@code build} on the first call of any of its methods. */
    static <T> T of(Class<T> type, Supplier<? extends T> build) {
        Supplier<T> target = once(build);
        Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (self, method, args) -> {
            switch (method.getName()) { // identity, without building anything
                case "equals":
                    if (method.getParameterCount() == 1) {
                        return self == args[0];
                    }
                    break;
                case "hashCode":
                    if (method.getParameterCount() == 0) {
                        return System.identityHashCode(self);
                    }
                    break;
                default:
                    break;
            }
            try {
                return method.invoke(target.get(), args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
        return type.cast(proxy);
    }

    /** {@code build}'s value, built by the first caller; concurrent first callers wait for it. */
    static <T> Supplier<T> once(Supplier<? extends T> build) {
        return new Supplier<>() {
            private volatile T value;

            @Override
            public T get() {
                T built = value;
                if (built == null) {
                    synchronized (this) {
                        built = value;
                        if (built == null) {
                            built = build.get();
                            value = built;
                        }
                    }
                }
                return built;
            }
        };
    }
}
