package dev.herald.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.account.AccountRepository;
import dev.herald.account.UserRepository;
import dev.herald.api.ApiServices;
import dev.herald.delivery.ConfigurationPreviews;
import dev.herald.delivery.DeliveryReplay;
import dev.herald.delivery.TestNotifications;
import dev.herald.delivery.dispatch.AttemptRecorder;
import dev.herald.delivery.dispatch.BlockingSends;
import dev.herald.delivery.dispatch.ClaimsReleasedOnStop;
import dev.herald.delivery.dispatch.DeliveryDispatcher;
import dev.herald.delivery.dispatch.DeliveryPacing;
import dev.herald.delivery.dispatch.DispatchSlots;
import dev.herald.delivery.dispatch.DispatchWakeUp;
import dev.herald.delivery.dispatch.FailingConfigurations;
import dev.herald.delivery.dispatch.FailureLog;
import dev.herald.delivery.dispatch.RetryPolicy;
import dev.herald.delivery.github.GithubIssues;
import dev.herald.delivery.http.HostLookup;
import dev.herald.delivery.http.HttpConnections;
import dev.herald.delivery.http.HttpTarget;
import dev.herald.delivery.http.KeyedEndpoints;
import dev.herald.delivery.http.ReceiverAddresses;
import dev.herald.delivery.http.ReceiverTimeouts;
import dev.herald.delivery.issue.FindingIssues;
import dev.herald.delivery.issue.IssueUpsert;
import dev.herald.delivery.jira.JiraIssues;
import dev.herald.delivery.message.NotificationFactory;
import dev.herald.delivery.message.Templates;
import dev.herald.delivery.outcome.DeliveryOutcomes;
import dev.herald.delivery.relay.EventRelay;
import dev.herald.delivery.slack.SlackMessages;
import dev.herald.delivery.smtp.MailMessages;
import dev.herald.delivery.table.DeliveryRepository;
import dev.herald.delivery.teams.TeamsCards;
import dev.herald.delivery.message.ConfigurationTemplates;
import dev.herald.delivery.webhook.WebhookBodies;
import dev.herald.delivery.webhook.WebhookRequests;
import dev.herald.delivery.webhook.WebhookSignatures;
import dev.herald.endpoint.ConfigurationCatalog;
import dev.herald.endpoint.ConfigurationRepository;
import dev.herald.endpoint.EndpointRepository;
import dev.herald.endpoint.SelectorRepository;
import dev.herald.endpoint.secret.SecretBox;
import dev.herald.endpoint.secret.SecretKeyCheck;
import dev.herald.endpoint.secret.SecretKeyFile;
import dev.herald.event.EventJson;
import dev.herald.event.EventParser;
import dev.herald.event.EventRepository;
import dev.herald.event.EventRows;
import dev.herald.event.EventTypeCatalogue;
import dev.herald.scanning.ImageEvents;
import dev.herald.scanning.RunningImages;
import dev.herald.scanning.RuntimeInventory;
import dev.herald.scanning.ScanResults;
import dev.herald.scanning.alert.AlertEvaluator;
import dev.herald.scanning.alert.DeliveryAlerts;
import dev.herald.scanning.alert.AlertRepository;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.ThreadPoolProfileBuilder;
import org.apache.camel.spi.Registry;
import org.apache.camel.util.concurrent.ThreadPoolRejectedPolicy;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementExceptions;

/**
 * Builds Herald's beans on one DataSource and binds the ones the YAML routes name into the
 * Camel registry. Nothing is static: two contexts can each hold their own Herald.
 */
final class HeraldBeans {

    /** The registry name of the Clock Herald uses, when a host binds one. */
    static final String CLOCK = "heraldClock";
    /** The registry name of the {@link HostLookup} Herald resolves receivers' names with, when a host binds one. */
    static final String HOST_LOOKUP = "heraldHostLookup";
    /**
     * Dispatch threads: each carries a delivery through the deliver route up to its request, handed
     * to Vert.x, or to its hand-over to a send thread when the send may block (BlockingSends), and
     * never waits (not on a receiver, not on its name lookup), so two keep up with any number in
     * flight. No more: the send threads are made when none is idle, so the faster dispatch hands over
     * in a burst, the more of them a burst makes (with 8, 23-48 for 200 requests at once in
     * InFlightThreadsRouteTest; with 2, 12-18).
     */
    private static final int DISPATCH_THREADS = 2;

    private HeraldBeans() {
    }

    /** Binds the route beans; returns what the REST API needs. */
    static ApiServices bindInto(CamelContext context, DataSource dataSource, HeraldSettings settings) throws Exception {
        // microseconds: what both databases store, so an answer shows what a later read will show; a host
        // (or a test that must not wait a day for a signing overlap to end) may bind its own as heraldClock
        Clock clock = Optional.ofNullable(context.getRegistry().lookupByNameAndType(CLOCK, Clock.class))
                .orElseGet(() -> Clock.tick(Clock.systemUTC(), Duration.ofNanos(1000)));
        ObjectMapper json = JsonMapper.create();
        Jdbi jdbi = Jdbi.create(dataSource);
        // a failed statement's exception (which gets logged) names no bound values: settings, event content
        jdbi.getConfig(StatementExceptions.class).setMessageRendering(StatementExceptions.MessageRendering.NONE);
        SecretBox secrets = new SecretBox(settings.secretKey()
                .orElseGet(() -> SecretKeyFile.loadOrCreate(settings.dataDirectory())));
        SecretKeyCheck.verify(jdbi, secrets);

        EventTypeCatalogue eventTypes = EventTypeCatalogue.load(json);
        EventRepository events = new EventRepository(jdbi, json, clock);
        EventJson eventJson = new EventJson(json);
        EndpointRepository endpoints = new EndpointRepository(jdbi);
        ConfigurationRepository configurations = new ConfigurationRepository(jdbi, json, secrets);
        configurations.encryptPlaintextSecrets();
        SelectorRepository selectors = new SelectorRepository(jdbi);
        DeliveryRepository deliveries = new DeliveryRepository(jdbi, new EventRows(json));
        AlertRepository alerts = new AlertRepository(jdbi, json);
        ConfigurationCatalog catalog = new ConfigurationCatalog(jdbi, endpoints, configurations, selectors, alerts);

        Registry registry = context.getRegistry();
        DeliveryReplay replay = new DeliveryReplay(jdbi, deliveries, clock);
        registry.bind("deliveryReplay", replay);
        Observability observability = Observability.bindInto(context, dataSource, deliveries, events, replay, clock);
        // one name for this process's relay and dispatch, so its work can be told apart from other replicas'
        String claimant = Claimant.name();
        // runtime alerts learn where an image runs from the runtime inventory (an unscanned-image
        // event carries its own label set)
        AlertEvaluator alertEvaluator = new AlertEvaluator(json, new RunningImages(jdbi, json));
        RetryPolicy retries = new RetryPolicy(settings.maxAttempts(), settings.maxAge(), settings.backoffBase(),
                settings.backoffCap(), () -> ThreadLocalRandom.current().nextDouble());
        // a pass claims the slots until the next one, and a claim must outlast the wait for its slot
        Duration pacingHorizon = settings.dispatchInterval().compareTo(settings.claimTimeout().dividedBy(2)) < 0
                ? settings.dispatchInterval() : settings.claimTimeout().dividedBy(2);
        ReceiverTimeouts timeouts = new ReceiverTimeouts(settings.connectTimeout(), settings.responseTimeout());
        DispatchSlots slots = new DispatchSlots(settings.dispatchInFlight(), settings.dispatchPerConfiguration());
        DeliveryDispatcher dispatcher = new DeliveryDispatcher(deliveries, configurations, catalog, slots, timeouts,
                settings.claimTimeout(), claimant, clock, retries, new DeliveryPacing(pacingHorizon),
                observability.pause(), observability.metrics(), new FailureLog(clock),
                new FailingConfigurations(jdbi, configurations, catalog, deliveries, events, json, settings.disableAfter()));
        registry.bind("deliveryDispatcher", dispatcher);
        DeliveryAlerts deliveryAlerts = new DeliveryAlerts(jdbi);
        DispatchWakeUp wakeUp = new DispatchWakeUp(context, slots);
        registry.bind("dispatchWakeUp", wakeUp);
        registry.bind("eventRelay", new EventRelay(jdbi, events, deliveries, catalog, alertEvaluator, deliveryAlerts,
                settings.relayBatchSize(), claimant, clock, observability.metrics(), dispatcher, eventJson, wakeUp));
        registry.bind("deliveryOutcomes", new DeliveryOutcomes());
        // the attempts' threads, which hand a send that may block over to blockingSendThreads
        // (BlockingSends): so the in-flight slots, not a thread per request, bound what is in flight,
        // and a receiver that is slow to answer or to resolve holds no dispatch thread.
        ExecutorService dispatchThreads = context.getExecutorServiceManager()
                .newFixedThreadPool(HeraldBeans.class, "herald-dispatch", DISPATCH_THREADS);
        // where a send that may block does: an email for the whole call, a GitHub or Jira conversation
        // for another's turn, an HTTP request for its receiver's name lookup, until it is handed to
        // Vert.x (HttpConnections), which awaits the answer holding no thread. Made only when none is
        // idle, ended after a minute unused. Twice the slots at most: a thread that freed its slot may
        // still be finishing when the slot's next attempt starts (past that, the caller sends itself).
        registry.bind("blockingSendThreads", context.getExecutorServiceManager().newThreadPool(HeraldBeans.class,
                "herald-blocking-send", new ThreadPoolProfileBuilder("herald-blocking-send").poolSize(1)
                        .maxPoolSize(2 * settings.dispatchInFlight()).maxQueueSize(0).keepAliveTime(60L)
                        .allowCoreThreadTimeOut(true).rejectedPolicy(ThreadPoolRejectedPolicy.CallerRuns).build()));
        registry.bind("dispatchThreads", dispatchThreads);
        // where a rate-limited delivery waits for its send time (the Delay EIP), holding no thread
        registry.bind("dispatchDelays", context.getExecutorServiceManager()
                .newScheduledThreadPool(HeraldBeans.class, "herald-dispatch-delays", 1));
        // Camel stops services in the reverse order: this one before StandaloneHerald's pool closes
        context.addService(new ClaimsReleasedOnStop(deliveries, claimant, clock, context.getExecutorServiceManager(),
                dispatchThreads));
        // added after, so stopped before it: what ended during the shutdown is recorded before the rest is released
        AttemptRecorder recorder = new AttemptRecorder(dispatcher::record);
        registry.bind("attemptRecorder", recorder);
        context.addService(recorder);
        // the JVM's resolver unless a host (or a test that makes a name's lookup hang) binds its own
        HostLookup lookup = Optional.ofNullable(registry.lookupByNameAndType(HOST_LOOKUP, HostLookup.class))
                .orElse(HostLookup.SYSTEM);
        ReceiverAddresses receivers = new ReceiverAddresses(lookup, settings.allowPrivateTargets(), clock);
        registry.bind("blockingSends", new BlockingSends(receivers));
        HttpConnections connections = new HttpConnections(receivers);
        connections.bindInto(registry);
        context.addService(connections);
        HttpTarget httpTarget = new HttpTarget(timeouts);
        NotificationFactory notifications = new NotificationFactory(settings.uiUrl().orElse(null), deliveryAlerts::of);
        WebhookBodies webhookBodies = new WebhookBodies(eventJson, notifications, new ConfigurationTemplates(),
                eventTypes, json, clock);
        registry.bind("webhookRequests", new WebhookRequests(webhookBodies, httpTarget,
                new WebhookSignatures(settings.signingOverlap()), clock));
        Templates templates = new Templates(settings.templates().orElse(null));
        KeyedEndpoints keyedEndpoints = new KeyedEndpoints(context);
        SlackMessages slackMessages = new SlackMessages(notifications, templates, httpTarget);
        registry.bind("slackMessages", slackMessages);
        MailMessages mailMessages = new MailMessages(notifications, templates, keyedEndpoints, timeouts);
        registry.bind("mailMessages", mailMessages);
        TeamsCards teamsCards = new TeamsCards(notifications, templates, httpTarget);
        registry.bind("teamsCards", teamsCards);
        // the two instances of the issue-upsert route template, one per tracker
        FindingIssues findingIssues = new FindingIssues(jdbi, clock);
        GithubIssues githubIssues = new GithubIssues(templates, json);
        registry.bind("githubIssues", new IssueUpsert(githubIssues, findingIssues, notifications, httpTarget, json));
        JiraIssues jiraIssues = new JiraIssues(templates, json);
        registry.bind("jiraIssues", new IssueUpsert(jiraIssues, findingIssues, notifications, httpTarget, json));
        ConfigurationPreviews previews = new ConfigurationPreviews(notifications, webhookBodies, slackMessages, teamsCards,
                mailMessages, githubIssues, jiraIssues, json, clock);

        // scan results and runtime inventory produce events
        ImageEvents imageEvents = new ImageEvents(eventTypes, json, clock, Claimant.host());
        ScanResults scanResults = new ScanResults(jdbi, events, imageEvents, clock, json);
        RuntimeInventory runtimeInventory = new RuntimeInventory(jdbi, events, imageEvents, clock, json);

        TestNotifications tests = new TestNotifications(context.createProducerTemplate(), json, clock);
        return new ApiServices(events, new EventParser(eventTypes, json, clock), eventJson, eventTypes, endpoints,
                configurations, selectors, alerts, deliveries, replay, tests, new AccountRepository(jdbi),
                new UserRepository(jdbi), scanResults, runtimeInventory, json, clock, settings.adminPassword(),
                settings.requireAuth(), settings.allowPrivateTargets(),
                settings.maxBodySize(), webhookBodies, previews);
    }
}
