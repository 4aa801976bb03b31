package org.pacer.messaging.testing;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;

/** Collects what one logger writes during a test. */
public final class CapturedLog extends AppenderBase<ILoggingEvent> implements AutoCloseable {

  private final Logger logger;
  private final List<ILoggingEvent> events = new CopyOnWriteArrayList<>();

  public CapturedLog(Class<?> source) {
    logger = (Logger) LoggerFactory.getLogger(source);
    setContext(logger.getLoggerContext());
    start();
    logger.addAppender(this);
  }

  @Override
  protected void append(ILoggingEvent event) {
    events.add(event);
  }

  public List<ILoggingEvent> events() {
    return List.copyOf(events);
  }

  public List<String> messages() {
    return events.stream().map(ILoggingEvent::getFormattedMessage).toList();
  }

  @Override
  public void close() {
    logger.detachAppender(this);
    stop();
  }
}
