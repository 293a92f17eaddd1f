package org.poxledger.ledger.memory;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A snapshot of the java.util.logging settings that {@code ChaincodeBase.initializeLogging()} overwrites for the whole
 * JVM (the SimpleFormatter format, every root handler's level and formatter, and the shim's logger levels). A chaincode
 * process owns its JVM; the platform server hosting the embedded ledger does not hand its logging over, so the router
 * factory puts these settings back after construction.
 */
final class JulLoggingState {

    private static final String FORMAT_PROPERTY = "java.util.logging.SimpleFormatter.format";
    private static final List<String> SHIM_LOGGERS =
            List.of("", "org.hyperledger.fabric.contract", "org.hyperledger.fabric.shim");

    private record HandlerState(Handler handler, Level level, Formatter formatter) {}

    private record LoggerState(Logger logger, Level level) {}

    private final String format;
    private final List<HandlerState> handlers = new ArrayList<>();
    private final List<LoggerState> loggers = new ArrayList<>();

    private JulLoggingState() {
        this.format = System.getProperty(FORMAT_PROPERTY);
        for (final Handler handler : Logger.getLogger("").getHandlers()) {
            handlers.add(new HandlerState(handler, handler.getLevel(), handler.getFormatter()));
        }
        for (final String name : SHIM_LOGGERS) {
            final Logger logger = Logger.getLogger(name);
            loggers.add(new LoggerState(logger, logger.getLevel()));
        }
    }

    static JulLoggingState capture() {
        return new JulLoggingState();
    }

    void restore() {
        if (format == null) {
            System.clearProperty(FORMAT_PROPERTY);
        } else {
            System.setProperty(FORMAT_PROPERTY, format);
        }
        for (final HandlerState state : handlers) {
            state.handler().setLevel(state.level());
            if (state.formatter() != null) {
                state.handler().setFormatter(state.formatter());
            }
        }
        for (final LoggerState state : loggers) {
            state.logger().setLevel(state.level());
        }
    }
}
