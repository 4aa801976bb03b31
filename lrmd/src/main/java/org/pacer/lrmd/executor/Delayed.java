package org.pacer.lrmd.executor;

/** A one-shot operation waiting out its start-delay, and the timer that will queue it. */
record Delayed(Pending pending, Scheduler.Cancellable timer) {}
