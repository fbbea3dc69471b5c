package com.rtcusage.flow;

/**
 * The names that the YAML routes under {@code routes/} and the Java beans share, declared once.
 * {@code FlowContractTest} checks every route file against them, so a rename on either side fails
 * the build instead of a sweep.
 */
public final class FlowNames {

    // Exchange properties

    /** The {@code UsageRequest} (account, app) an exchange works for; set by list-usages. */
    public static final String USAGE_REQUEST = "usageRequest";
    /** The days the current attempt asks for, planned as it leaves; set by call-list-usages. */
    public static final String USAGE_WINDOW = "usageWindow";
    /** The departure this attempt was granted by the per-account pacing; set by call-list-usages. */
    public static final String DEPARTURE = "departure";
    /** Attempts of the current ListUsages request so far, retries included; set by call-list-usages. */
    public static final String API_ATTEMPTS = "apiAttempts";
    /** The priced app-day of a day's exchange, kept beside its record for what is counted after publishing. */
    public static final String PRICED_USAGE = "pricedUsage";
    /** Set on a day whose record Kafka does not hold yet. */
    public static final String TO_PUBLISH = "toPublish";
    /** The exchange's failure as classified once by {@code Failures.of}, read by routes, dead letters, summary and metrics. */
    public static final String FAILURE = "failure";
    /** The RecordBatch of one answer while its records are sent one by one; set by list-usages. */
    public static final String RECORD_BATCH = "recordBatch";

    // Endpoints (the from of a route, or a step's uri)

    public static final String SWEEP = "direct:sweep";
    public static final String LIST_USAGES = "direct:list-usages";
    public static final String CALL_LIST_USAGES = "direct:call-list-usages";
    public static final String RECORD_DAY = "direct:record-day";
    public static final String DEAD_LETTER = "direct:dead-letter";

    // Beans the routes call

    public static final String SWEEP_PLANNER = "sweepPlanner";
    public static final String TOPIC_READ_BACK = "topicReadBack";
    public static final String SWEEP_REPORT = "sweepReport";
    public static final String WINDOW_PLANNER = "windowPlanner";
    public static final String LIST_USAGES_SIGNER = "listUsagesSigner";
    /** Every account's credentials, credential files read again before each sweep. */
    public static final String CREDENTIAL_STORE = "credentialStore";
    public static final String DEPARTURE_PACING = "departurePacing";
    public static final String ANSWER_READER = "answerReader";
    public static final String ENTRY_READER = "entryReader";
    public static final String PLANNED_DAYS = "plannedDays";
    public static final String COST_CALCULATOR = "costCalculator";
    public static final String RECORD_WRITER = "recordWriter";
    public static final String PUBLISHED_STATE = "publishedState";
    public static final String RECORD_SIZE_LIMIT = "recordSizeLimit";
    public static final String CHANGED_RECORDS = "changedRecords";
    public static final String DEAD_LETTER_WRITER = "deadLetterWriter";
    public static final String FAILURES = "failures";
    public static final String SWEEP_LEADERSHIP = "sweepLeadership";
    public static final String SWEEP_GATE = "sweepGate";
    public static final String RETRY_BACK_OFF = "retryBackOff";
    public static final String KAFKA_REFUSAL = "kafkaRefusal";
    public static final String KAFKA_WAIT = "kafkaWait";
    public static final String API_RETRY_POLICY = "apiRetryPolicy";
    public static final String KAFKA_RETRY_POLICY = "kafkaRetryPolicy";
    /** Threads that carry a request from its departure on (scheduler of the per-account pacing). */
    public static final String API_CALL_THREADS = "apiCallThreads";
    public static final String APP_ADMISSION = "appAdmission";
    public static final String SWEEP_APP_THREADS = "sweepAppThreads";

    private FlowNames() {
    }
}
