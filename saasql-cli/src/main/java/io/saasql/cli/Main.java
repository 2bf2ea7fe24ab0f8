package io.saasql.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import io.saasql.mirror.Mirror;
import io.saasql.mirror.MirrorSchedule;
import io.saasql.server.RemoteJdbcServer;
import io.saasql.server.ServerSettings;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;
import sqlline.SqlLine;

/**
 * The {@code saasql} command line: {@code saasql demo} starts the embedded Postgres and the sandbox
 * APIs and opens sqlline on the federated demo model; {@code saasql sqlline --model FILE} opens
 * sqlline on any model. Everything after saasql's own options goes to sqlline unchanged, so
 * {@code saasql demo -e "select 1" --outputformat=csv} runs one query and exits.
 * {@code saasql serve --model FILE} (and {@code saasql demo --serve}) serves the model to any JDBC
 * client over Avatica's HTTP protocol until stopped. {@code saasql check --model FILE} (and
 * {@code saasql demo --check}) loads a model and calls each of its sources once. A model that does
 * not load stops sqlline, demo and check with its root cause on the first line of stderr.
 */
@Command(
    name = "saasql",
    mixinStandardHelpOptions = true,
    version = "saasql 0.1.0-SNAPSHOT",
    description = "SQL over SaaS APIs (Backlog, Salesforce, Bitbucket, PingOne) and PostgreSQL.",
    subcommands = CommandLine.HelpCommand.class)
public final class Main implements Callable<Integer> {

  /** System property the launcher sets to the repository root; models are found below it. */
  public static final String HOME_PROPERTY = "saasql.home";
  /** System property the REST core reads to log every API call. */
  public static final String VERBOSE_PROPERTY = "saasql.verbose";
  /** System property logback.xml reads for the level of {@link #CALLS_LOGGER}. */
  public static final String CALLS_LEVEL_PROPERTY = "saasql.calls.level";
  /** Logger the REST core writes one line per API call to. */
  public static final String CALLS_LOGGER = "io.saasql.calls";
  /** The demo model, relative to {@link #HOME_PROPERTY}. */
  public static final String DEMO_MODEL = "model-examples/demo.json";

  static final String DRIVER = "io.saasql.core.jdbc.SaasqlDriver";
  private static final String JLINE_DUMB_PROPERTY = "org.jline.terminal.dumb";
  /** sqlline's --maxWidth when there is no terminal and no $COLUMNS. */
  static final int NO_TERMINAL_WIDTH = 4096;

  /** Runs sqlline with the given arguments and returns the process exit status. */
  @FunctionalInterface
  interface SqllineLauncher {
    int run(List<String> args, PrintStream out, PrintStream err) throws IOException;
  }

  /**
   * Keeps a started server running until it stops and returns the exit status; also owns what
   * the server needs ({@code environment}, possibly null) and closes it after the server.
   */
  @FunctionalInterface
  interface ServerRunner {
    int run(RemoteJdbcServer server, AutoCloseable environment) throws Exception;
  }

  private final PrintStream out;
  private final PrintStream err;
  private final SqllineLauncher launcher;
  private final ServerRunner serverRunner;
  private final Function<String, String> env;

  private Main(PrintStream out, PrintStream err, SqllineLauncher launcher,
      ServerRunner serverRunner, Function<String, String> env) {
    this.out = out;
    this.err = err;
    this.launcher = launcher;
    this.serverRunner = serverRunner;
    this.env = env;
  }

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the command line with real sqlline and returns the exit status. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return commandLine(out, err, Main::runSqlline).execute(args);
  }

  static CommandLine commandLine(PrintStream out, PrintStream err, SqllineLauncher launcher) {
    return commandLine(out, err, launcher, Main::runUntilStopped, System::getenv);
  }

  static CommandLine commandLine(PrintStream out, PrintStream err, SqllineLauncher launcher,
      ServerRunner serverRunner, Function<String, String> env) {
    Main main = new Main(out, err, launcher, serverRunner, env);
    CommandLine commandLine = new CommandLine(main)
        .addSubcommand("demo", new DemoCommand(main))
        .addSubcommand("sqlline", new SqllineCommand(main))
        .addSubcommand("serve", new ServeCommand(main))
        .addSubcommand("check", new CheckCommand(main))
        .addSubcommand("mirror", new MirrorCommand(main));
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    // Everything from the first argument that is not saasql's own goes to sqlline verbatim: no
    // @file expansion, no re-splitting, values that look like options stay where they are.
    commandLine.setStopAtUnmatched(true);
    commandLine.setExpandAtFiles(false);
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine;
  }

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(err);
    return 1;
  }

  /**
   * The arguments handed to sqlline: connect to {@code url} with the Calcite driver and empty
   * credentials, then the user's arguments unchanged. Calcite has no transactions; saying so up
   * front spares a warning on every start (a user's own {@code --isolation=…} still wins).
   */
  public static List<String> sqllineArguments(String url, List<String> userArgs) {
    List<String> args = new ArrayList<>(List.of(
        "-d", DRIVER, "-u", url, "-n", "", "-p", "", "--isolation=TRANSACTION_NONE"));
    args.addAll(userArgs);
    return args;
  }

  /** Turns on the per-call API log; must run before anything reads the properties or logs. */
  static void enableCallLog() {
    System.setProperty(VERBOSE_PROPERTY, "true");
    System.setProperty(CALLS_LEVEL_PROPERTY, "INFO");
    // In case logging was configured before the property was set (embedding, tests).
    org.slf4j.Logger logger = org.slf4j.LoggerFactory.getLogger(CALLS_LOGGER);
    if (logger instanceof ch.qos.logback.classic.Logger logbackLogger) {
      logbackLogger.setLevel(ch.qos.logback.classic.Level.INFO);
    }
  }

  static Path home() {
    return Path.of(System.getProperty(HOME_PROPERTY, "."));
  }

  private int sqlline(Path model, List<String> userArgs) throws IOException {
    String url = ConnectionUrls.forModel(model);
    String problem = ModelCheck.connectProblem(url);
    if (problem != null) {
      // sqlline would print only "Error instantiating JsonCustomSchema(name=…)" and "No current
      // connection"; the cause (the operand, the variable, the class) comes first instead.
      err.println("saasql: " + problem);
      err.flush();
      return 1;
    }
    return launcher.run(sqllineArguments(url, userArgs), out, err);
  }

  /**
   * sqlline's table format fits rows to the terminal's width; jline's dumb terminal (no console:
   * piped, scripted) reports 0, and every row would be cut to an empty box. Without a console and
   * without the user's own {@code --maxWidth}, the width is {@code $COLUMNS} when set, else
   * {@value #NO_TERMINAL_WIDTH}.
   */
  static List<String> withWidthForNoTerminal(List<String> args, String columns) {
    if (args.stream().anyMatch(a -> a.startsWith("--maxWidth"))) {
      return args;
    }
    int width = NO_TERMINAL_WIDTH;
    if (columns != null) {
      try {
        int parsed = Integer.parseInt(columns.strip());
        if (parsed > 0) {
          width = parsed;
        }
      } catch (NumberFormatException e) {
        // Not a width: the default.
      }
    }
    List<String> result = new ArrayList<>(args.size() + 1);
    result.add("--maxWidth=" + width);
    result.addAll(args);
    return result;
  }

  private static int runSqlline(List<String> args, PrintStream out, PrintStream err)
      throws IOException {
    if (System.console() == null && System.getProperty(JLINE_DUMB_PROPERTY) == null) {
      // Not on a terminal (piped, scripted, tests): ask jline for the dumb terminal it would fall
      // back to anyway, without its "Unable to create a system terminal" warning on stderr.
      System.setProperty(JLINE_DUMB_PROPERTY, "true");
    }
    if (System.console() == null) {
      args = withWidthForNoTerminal(args, System.getenv("COLUMNS"));
    }
    SqlLine sqlline = new SqlLine();
    sqlline.setOutputStream(out);
    sqlline.setErrorStream(err);
    SqlLine.Status status = sqlline.begin(args.toArray(new String[0]), null, true);
    // As sqlline's own main: 0 ok, 1 bad arguments, 2 anything else.
    return status.ordinal();
  }

  /**
   * Starts the server, prints where to connect, and runs it until it stops; closes
   * {@code environment} (may be null) when the server stops or fails to start.
   */
  private int serve(ServerSettings settings, AutoCloseable environment,
      Function<RemoteJdbcServer, String> banner) throws Exception {
    RemoteJdbcServer server;
    try {
      server = RemoteJdbcServer.start(settings);
    } catch (RuntimeException e) {
      // A bad setting is its own message; a model that cannot load is reported by its root
      // cause, naming the schema and the operand, variable or class.
      err.println("saasql: " + (e.getCause() == null ? e.getMessage() : ModelCheck.rootCause(e)));
      closeQuietly(environment);
      return 1;
    }
    err.print(banner.apply(server));
    err.flush();
    return serverRunner.run(server, environment);
  }

  /** Waits until the server stops; SIGTERM or Ctrl-C stop it (and then the environment) cleanly. */
  private static int runUntilStopped(RemoteJdbcServer server, AutoCloseable environment)
      throws InterruptedException {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      closeQuietly(environment);
    }, "saasql-server-shutdown"));
    server.join();
    return 0;
  }

  private static void closeQuietly(AutoCloseable closeable) {
    if (closeable == null) {
      return;
    }
    try {
      closeable.close();
    } catch (Exception e) {
      // Stopping anyway.
    }
  }

  /** What {@code saasql serve} prints once listening: the URL, and how to connect. No secrets. */
  static String serveBanner(RemoteJdbcServer server) {
    StringBuilder b = new StringBuilder();
    b.append("saasql server\n");
    b.append("  Model     ").append(server.settings().model().toAbsolutePath().normalize())
        .append('\n');
    b.append("  JDBC URL  ").append(server.jdbcUrl()).append('\n');
    b.append("  Health    ").append(server.healthUri()).append('\n');
    b.append(connectHint(server));
    b.append("Stop with Ctrl-C (or SIGTERM).\n");
    return b.toString();
  }

  /** How to connect: the driver, and sqlline from the distribution's lib/ or this checkout. */
  static String connectHint(RemoteJdbcServer server) {
    String credentials = server.settings().users() == null ? ""
        : ";avatica_user=NAME;avatica_password=PASSWORD";
    return "Connect with Avatica's JDBC driver (org.apache.calcite.avatica:avatica:1.28.0,"
        + " class org.apache.calcite.avatica.remote.Driver), e.g. sqlline:\n"
        + "  java -cp " + sqllineClassPath() + " sqlline.SqlLine \\\n"
        + "    -u '" + server.jdbcUrl() + credentials
        + "' -n '' -p '' --isolation=TRANSACTION_NONE\n";
  }

  /** The class path holding sqlline: the distribution's lib/, else this checkout's build. */
  private static String sqllineClassPath() {
    Path lib = home().resolve("lib");
    if (Files.isDirectory(lib)) {
      return "\"" + lib.toAbsolutePath().normalize() + "/*\"";
    }
    return "\"saasql-cli/target/saasql-cli-0.1.0-SNAPSHOT.jar:$(cat"
        + " saasql-cli/target/runtime-classpath.txt)\"";
  }

  /** {@code --model FILE [--verbose]}: the options of every command that runs on a model file. */
  static final class ModelFile {
    @Option(names = "--model", required = true, paramLabel = "FILE",
        description = "The Calcite model (JSON or YAML).")
    Path model;

    @Option(names = "--verbose",
        description = "Log every API call (method, URL, status, rows, ms) to stderr.")
    boolean verbose;

    /** Turns the call log on when asked for, and returns the model file, which must exist. */
    Path open(CommandSpec spec) {
      if (verbose) {
        enableCallLog();
      }
      return existingModel(spec, model);
    }
  }

  private static Path existingModel(CommandSpec spec, Path model) {
    if (!Files.isRegularFile(model)) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "Model file not found: " + model.toAbsolutePath().normalize());
    }
    return model;
  }

  /** {@code saasql demo}: the embedded Postgres, the sandboxes and sqlline on the demo model. */
  @Command(
      name = "demo",
      mixinStandardHelpOptions = true,
      description = {
          "Starts the embedded Postgres (Heroku Connect data) and the sandbox APIs, then runs"
              + " sqlline on " + DEMO_MODEL + ".",
          "Arguments after saasql's own options go to sqlline unchanged,"
              + " e.g. -e \"select 1\" --outputformat=csv."})
  static final class DemoCommand implements Callable<Integer> {
    private final Main main;

    @Spec
    CommandSpec spec;

    @Option(names = "--verbose",
        description = "Log every API call (method, URL, status, rows, ms) to stderr.")
    boolean verbose;

    @Option(names = "--serve", description =
        "Serve the demo to JDBC clients (see saasql serve) instead of running sqlline.")
    boolean serve;

    @Option(names = "--check", description =
        "Check the demo model's sources (see saasql check) instead of running sqlline.")
    boolean check;

    @ArgGroup(exclusive = false, validate = false, heading = "%nServer options (with --serve):%n")
    ServeOptions serveOptions;

    @Unmatched
    List<String> sqllineArgs = new ArrayList<>();

    DemoCommand(Main main) {
      this.main = main;
    }

    @Override
    public Integer call() throws Exception {
      if (verbose) {
        enableCallLog();
      }
      if (!serve && serveOptions != null) {
        throw new CommandLine.ParameterException(spec.commandLine(),
            String.join(", ", spec.commandLine().getParseResult().matchedOptions().stream()
                .filter(o -> o.group() != null).map(OptionSpec::longestName).toList())
                + " needs --serve");
      }
      Path model = existingModel(spec, home().resolve(DEMO_MODEL));
      if (check) {
        if (serve || !sqllineArgs.isEmpty()) {
          throw new CommandLine.ParameterException(spec.commandLine(),
              "--check runs no sqlline and no server; unexpected arguments: "
                  + (serve ? "--serve " : "") + String.join(" ", sqllineArgs));
        }
        try (DemoEnvironment environment = DemoEnvironment.start()) {
          return ModelCheck.check(ConnectionUrls.forModel(model), main.out, main.err);
        }
      }
      if (serve) {
        if (!sqllineArgs.isEmpty()) {
          throw new CommandLine.ParameterException(spec.commandLine(),
              "--serve runs no sqlline; unexpected arguments: " + String.join(" ", sqllineArgs));
        }
        // Checked before anything starts: a refused bind address costs no Postgres.
        ServerSettings settings = (serveOptions == null ? new ServeOptions() : serveOptions)
            .settings(spec, model, main.env);
        DemoEnvironment environment = DemoEnvironment.start();
        return main.serve(settings, environment, server -> DemoBanner.renderServe(environment,
            model.toAbsolutePath().normalize(), server.jdbcUrl(), server.healthUri().toString())
            + connectHint(server));
      }
      try (DemoEnvironment environment = DemoEnvironment.start()) {
        main.err.print(DemoBanner.render(environment, model.toAbsolutePath().normalize()));
        main.err.flush();
        return main.sqlline(model, sqllineArgs);
      }
    }
  }

  /** {@code saasql serve --model FILE}: the model, served to any JDBC client over Avatica. */
  @Command(
      name = "serve",
      mixinStandardHelpOptions = true,
      description = {
          "Serves a model to any JDBC client over Avatica's HTTP protocol, until stopped.",
          "Clients connect with jdbc:avatica:remote:url=http://HOST:PORT;serialization=protobuf."})
  static final class ServeCommand implements Callable<Integer> {
    private final Main main;

    @Spec
    CommandSpec spec;

    @Mixin
    ModelFile modelFile = new ModelFile();

    @Mixin(name = "serve")
    ServeOptions serveOptions = new ServeOptions();

    @Option(names = "--mirror-into", paramLabel = "SCHEMA",
        description = "Also keep mirrors in the model's Postgres schema SCHEMA, as saasql mirror"
            + " --every does.")
    String mirrorInto;

    @Option(names = "--mirror", paramLabel = "SOURCE.TABLE",
        description = "A table to mirror (repeatable); none: every SaaS table.")
    List<String> mirrorTables = new ArrayList<>();

    @Option(names = "--mirror-every", paramLabel = "DURATION", defaultValue = "2m",
        converter = ServeOptions.DurationConverter.class,
        description = "The mirror's cycle; default ${DEFAULT-VALUE}.")
    Duration mirrorEvery;

    ServeCommand(Main main) {
      this.main = main;
    }

    @Override
    public Integer call() throws Exception {
      Path model = modelFile.open(spec);
      ServerSettings settings = serveOptions.settings(spec, model, main.env);
      if (mirrorInto == null) {
        if (!mirrorTables.isEmpty()) {
          throw new CommandLine.ParameterException(spec.commandLine(),
              "--mirror needs --mirror-into SCHEMA");
        }
        return main.serve(settings, null, Main::serveBanner);
      }
      MirrorSchedule mirror;
      try {
        mirror = MirrorSchedule.start(model, mirrorInto, mirrorTables, mirrorEvery,
            Duration.ofHours(1), main.err);
      } catch (IllegalArgumentException e) {
        main.err.println("saasql serve: " + e.getMessage());
        return 2;
      }
      return main.serve(settings, mirror, Main::serveBanner);
    }
  }

  /** {@code saasql check --model FILE}: loads the model and calls each source once. */
  @Command(
      name = "check",
      mixinStandardHelpOptions = true,
      description = {
          "Checks a model: loads it (JSON, factories, operands, ${VAR}s), then makes one cheap"
              + " authenticated call per source (one row of its first table; a database lists its"
              + " tables).",
          "Prints one line per schema: OK or FAILED, latency, number of tables and, on failure,"
              + " the error (secrets masked). Exits 1 if the model does not load or any source"
              + " fails."})
  static final class CheckCommand implements Callable<Integer> {
    private final Main main;

    @Spec
    CommandSpec spec;

    @Mixin
    ModelFile modelFile = new ModelFile();

    CheckCommand(Main main) {
      this.main = main;
    }

    @Override
    public Integer call() {
      return ModelCheck.check(ConnectionUrls.forModel(modelFile.open(spec)), main.out, main.err);
    }
  }

  /** {@code saasql mirror --model FILE --into SCHEMA [SOURCE.TABLE …]}: Postgres mirrors. */
  @Command(
      name = "mirror",
      mixinStandardHelpOptions = true,
      description = {
          "Keeps SaaS tables in Postgres tables of Heroku Connect's shape (sfid or SOURCE_id,"
              + " systemmodstamp, isdeleted, _hc_lastop, _hc_err), in the model's JDBC schema"
              + " SCHEMA: a full copy first, then only what changed; changes made in Postgres"
              + " (recorded in _trigger_log) are sent to the APIs.",
          "Prints one line per table and cycle; the table _saasql_mirror_state keeps them."})
  static final class MirrorCommand implements Callable<Integer> {
    private final Main main;

    @Spec
    CommandSpec spec;

    @Mixin
    ModelFile modelFile = new ModelFile();

    @Option(names = "--into", required = true, paramLabel = "SCHEMA",
        description = "The model's Postgres (JDBC) schema the mirror tables go to.")
    String into;

    @Parameters(paramLabel = "SOURCE.TABLE", arity = "0..*",
        description = "The tables to mirror, e.g. backlog.Issues; none: every SaaS table.")
    List<String> tables = new ArrayList<>();

    @Option(names = "--once", description = "Run one cycle and exit (the default).")
    boolean once;

    @Option(names = "--every", paramLabel = "DURATION",
        converter = ServeOptions.DurationConverter.class,
        description = "Run a cycle every DURATION (e.g. 2m) until stopped.")
    Duration every;

    @Option(names = "--deletes-every", paramLabel = "DURATION",
        converter = ServeOptions.DurationConverter.class, defaultValue = "1h",
        description = "How often an incremental table's keys are compared with the source's to"
            + " find deleted records (a listing of the keys); default ${DEFAULT-VALUE}.")
    Duration deletesEvery;

    MirrorCommand(Main main) {
      this.main = main;
    }

    @Override
    public Integer call() throws Exception {
      if (once && every != null) {
        throw new CommandLine.ParameterException(spec.commandLine(),
            "--once and --every exclude each other");
      }
      try {
        if (every != null) {
          try (MirrorSchedule schedule = MirrorSchedule.start(modelFile.open(spec), into, tables,
              every, deletesEvery, main.out)) {
            schedule.join();
          }
          return 0;
        }
        try (Mirror mirror = Mirror.open(modelFile.open(spec), into, tables, deletesEvery,
            main.err)) {
          boolean failed = false;
          for (Mirror.TableCycle c : mirror.cycle()) {
            main.out.println(c);
            failed |= c.error() != null;
          }
          return failed ? 1 : 0;
        }
      } catch (IllegalArgumentException e) {
        main.err.println("saasql mirror: " + e.getMessage());
        return 2;
      }
    }
  }

  /** {@code saasql sqlline --model FILE}: sqlline on any model file. */
  @Command(
      name = "sqlline",
      mixinStandardHelpOptions = true,
      description = {
          "Runs sqlline on a model file.",
          "Arguments after saasql's own options go to sqlline unchanged,"
              + " e.g. -e \"select 1\" --outputformat=csv."})
  static final class SqllineCommand implements Callable<Integer> {
    private final Main main;

    @Spec
    CommandSpec spec;

    @Mixin
    ModelFile modelFile = new ModelFile();

    @Unmatched
    List<String> sqllineArgs = new ArrayList<>();

    SqllineCommand(Main main) {
      this.main = main;
    }

    @Override
    public Integer call() throws IOException {
      return main.sqlline(modelFile.open(spec), sqllineArgs);
    }
  }
}
