package io.saasql.server;

import org.apache.calcite.avatica.AvaticaSeverity;
import org.apache.calcite.avatica.NoSuchConnectionException;
import org.apache.calcite.avatica.metrics.noop.NoopMetricsSystem;
import org.apache.calcite.avatica.remote.AvaticaRuntimeException;
import org.apache.calcite.avatica.remote.Handler;
import org.apache.calcite.avatica.remote.JsonHandler;
import org.apache.calcite.avatica.remote.JsonService;
import org.apache.calcite.avatica.remote.ProtobufHandler;
import org.apache.calcite.avatica.remote.ProtobufTranslation;
import org.apache.calcite.avatica.remote.ProtobufTranslationImpl;
import org.apache.calcite.avatica.remote.Service;
import org.apache.calcite.avatica.server.AvaticaHandler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.AbstractHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * Avatica's HTTP protocol in both of its serializations on one port: a request whose body starts
 * with <code>{</code> is read as JSON, any other as protobuf, and each is answered in the
 * serialization it came in. So the Java driver works with either {@code serialization=} setting
 * against any {@code saasql serve}, and the Python client, which speaks JSON with the standard
 * library only, works against a server started with the defaults. (Avatica's protobuf request,
 * a {@code WireMessage}, starts with the tag of its first field, byte {@code 0x0A}.)
 *
 * <p>Avatica's own handlers decode, run and encode each request. Every failure is answered as an
 * Avatica {@code ErrorResponse} with the SQL state that says what happened ({@link SqlStates})
 * and no server stack frame, whatever failed: a request that is no Avatica message (HTTP 400,
 * checked here before Avatica's handler would answer it with the parser's stack trace), running
 * it, or an error thrown by generated code (HTTP 500, as Avatica's clients expect for an error
 * response). Never Jetty's HTML error page.
 */
final class AvaticaProtocolHandler extends AbstractHandler implements AvaticaHandler {
  private static final Logger LOG = LoggerFactory.getLogger(AvaticaProtocolHandler.class);

  /** SQL state of a request that is not an Avatica message: "protocol violation". */
  static final String PROTOCOL_VIOLATION = "08P01";

  private static final String JSON_TYPE = "application/json;charset=utf-8";
  private static final String PROTOBUF_TYPE = "application/octet-stream;charset=utf-8";

  private final Service service;
  private final ProtobufTranslation protobuf = new ProtobufTranslationImpl();
  private final JsonHandler jsonHandler;
  private final ProtobufHandler protobufHandler;

  AvaticaProtocolHandler(Service service) {
    this.service = service;
    Service sanitized = withoutStackTraces(service);
    this.jsonHandler = new JsonHandler(sanitized, NoopMetricsSystem.getInstance());
    this.protobufHandler = new ProtobufHandler(sanitized, protobuf,
        NoopMetricsSystem.getInstance());
  }

  @Override public void setServerRpcMetadata(Service.RpcMetadataResponse metadata) {
    service.setRpcMetadata(metadata);
    jsonHandler.setRpcMetadata(metadata);
    protobufHandler.setRpcMetadata(metadata);
  }

  @Override public void handle(String target, Request baseRequest, HttpServletRequest request,
      HttpServletResponse response) throws IOException {
    baseRequest.setHandled(true);
    if (!"POST".equals(request.getMethod())) {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      response.setContentType("text/plain;charset=utf-8");
      response.getOutputStream().write("This server expects only POST calls.\n"
          .getBytes(StandardCharsets.UTF_8));
      return;
    }
    byte[] body = request.getInputStream().readAllBytes();
    boolean json = isJson(body);
    String text = json ? new String(body, StandardCharsets.UTF_8) : null;
    Handler.HandlerResponse<?> answer;
    try {
      if (json) {
        JsonService.MAPPER.readValue(text, Service.Request.class);
      } else {
        protobuf.parseRequest(body);
      }
    } catch (IOException | RuntimeException e) {
      LOG.debug("unreadable request from {}", request.getRemoteAddr(), e);
      Service.ErrorResponse error = new Service.ErrorResponse(
          List.of(unreadable(json, e)), unreadable(json, e), -1, PROTOCOL_VIOLATION,
          AvaticaSeverity.ERROR, null);
      respond(response, json, HttpServletResponse.SC_BAD_REQUEST,
          json ? JsonService.MAPPER.writeValueAsBytes(error) : protobuf.serializeResponse(error));
      return;
    }
    try {
      answer = json ? jsonHandler.apply(text) : protobufHandler.apply(body);
    } catch (RuntimeException e) {
      // Avatica's handler could not even encode its error response.
      LOG.warn("a request failed without an answer", e);
      Service.ErrorResponse error = new Service.ErrorResponse(List.of(rootLine(e)),
          rootLine(e), -1, SqlStates.UNKNOWN, AvaticaSeverity.ERROR, null);
      respond(response, json, HttpServletResponse.SC_INTERNAL_SERVER_ERROR,
          json ? JsonService.MAPPER.writeValueAsBytes(error) : protobuf.serializeResponse(error));
      return;
    }
    Object bytes = answer.getResponse();
    respond(response, json, answer.getStatusCode(), json
        ? ((String) bytes).getBytes(StandardCharsets.UTF_8) : (byte[]) bytes);
  }

  private static void respond(HttpServletResponse response, boolean json, int status,
      byte[] bytes) throws IOException {
    response.setStatus(status);
    response.setContentType(json ? JSON_TYPE : PROTOBUF_TYPE);
    response.setContentLength(bytes.length);
    response.getOutputStream().write(bytes);
  }

  private static String unreadable(boolean json, Exception e) {
    return "saasql server: the request is not a valid Avatica " + (json ? "JSON" : "protobuf")
        + " message (" + rootLine(e) + ").";
  }

  /** The first line of an exception's message, without the class or stack. */
  private static String rootLine(Throwable e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int newline = m.indexOf('\n');
    return newline < 0 ? m : m.substring(0, newline);
  }

  /**
   * The service, whose failures all reach Avatica's handler as exceptions without stack frames:
   * an {@link AvaticaRuntimeException} with the message and SQL state clients get
   * ({@link PinnedModelMeta#clientError}), or a {@link NoSuchConnectionException} (which
   * Avatica's driver recognises, and reconnects). Errors thrown by generated code
   * ({@code ExceptionInInitializerError} for {@code SELECT 1/0}) included.
   */
  private static Service withoutStackTraces(Service service) {
    return (Service) Proxy.newProxyInstance(Service.class.getClassLoader(),
        new Class<?>[] {Service.class}, (proxy, method, args) -> {
          try {
            return method.invoke(service, args);
          } catch (InvocationTargetException e) {
            Throwable failure = e.getCause();
            if (failure instanceof VirtualMachineError
                && !(failure instanceof StackOverflowError)) {
              LOG.error("request failed", failure);
            } else {
              LOG.debug("request failed", failure);
            }
            RuntimeException client = PinnedModelMeta.clientError(failure);
            if (client instanceof NoSuchConnectionException missing) {
              client = new NoSuchConnectionException(missing.getConnectionId());
            }
            client.setStackTrace(new StackTraceElement[0]);
            throw client;
          }
        });
  }

  /** Whether a request body is JSON: it starts by opening an object. */
  static boolean isJson(byte[] body) {
    return body.length > 0 && body[0] == '{';
  }
}
