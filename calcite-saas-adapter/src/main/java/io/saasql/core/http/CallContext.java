package io.saasql.core.http;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The state of one logical API request across its attempts, carried as the OkHttp request's tag
 * so that the interceptors can share it: the attempt number, the JDBC statement's cancel flag, the
 * note for the call record, and the record of the latest attempt.
 */
final class CallContext {
  final AtomicBoolean cancelFlag;
  int attempt;
  String note;
  CallRecord last;

  CallContext(AtomicBoolean cancelFlag) {
    this.cancelFlag = cancelFlag == null ? new AtomicBoolean() : cancelFlag;
  }

  boolean cancelled() {
    return cancelFlag.get() || Thread.currentThread().isInterrupted();
  }
}
