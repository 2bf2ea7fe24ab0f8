package io.saasql.server;

import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.SchemaFactory;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.impl.AbstractSchema;

import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A class a hostile client would like the server to load: its static initializer records that it
 * was loaded. Tests name it in connection properties and models, then check {@link #LOADED}
 * through {@link Probe}, which does not load this class.
 */
public class ProbeSchemaFactory implements SchemaFactory {
  public static final ProbeSchemaFactory INSTANCE = new ProbeSchemaFactory();

  static {
    Probe.LOADED.set(true);
  }

  @Override public Schema create(SchemaPlus parentSchema, String name, Map<String, Object> operand) {
    return new AbstractSchema();
  }

  /** Holds the flag, so that reading it does not load {@link ProbeSchemaFactory}. */
  static final class Probe {
    static final AtomicBoolean LOADED = new AtomicBoolean();

    private Probe() {
    }
  }
}
