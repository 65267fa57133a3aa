package dev.herald.delivery.slack;

import com.google.gson.Gson;
import com.slack.api.model.Message;
import com.slack.api.model.block.ActionsBlock;
import com.slack.api.model.block.ContextBlock;
import com.slack.api.model.block.HeaderBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.composition.MarkdownTextObject;
import com.slack.api.model.block.composition.PlainTextObject;
import com.slack.api.model.block.composition.TextObject;
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.model.block.element.ButtonElement;
import dev.herald.delivery.http.HttpTarget;
import dev.herald.delivery.message.DigestNotification;
import dev.herald.delivery.message.DigestNotification.Group;
import dev.herald.delivery.message.DigestNotifications;
import dev.herald.delivery.message.Notification;
import dev.herald.delivery.message.Notification.AlertReference;
import dev.herald.delivery.message.NotificationFactory;
import dev.herald.delivery.message.Templates;
import dev.herald.delivery.outcome.RouteProperties;
import dev.herald.delivery.table.ClaimedDelivery;
import dev.herald.endpoint.settings.SlackSettings;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;

/**
 * Prepares the deliver-slack route's request: Block Kit (header, summary with fields, the alerts that
 * sent it among them, changes summary, context, link buttons when {@code herald.ui-url} is set) with
 * a plain-text fallback, posted as JSON to the incoming webhook over camel-vertx-http, like Teams: the
 * answer is read no further than Herald needs, the receiver's address is the one judged, and the
 * URL (its path is Slack's token) travels only in the request, never in the endpoint URI
 * ({@link HttpTarget}). Slack answers 200 "ok" to a message it accepts, an error status with a
 * reason ("invalid_payload", "channel_not_found") or 429 with {@code Retry-After} otherwise, which
 * the route's outcomes judge as any HTTP answer.
 */
public final class SlackMessages {

    /** Slack's limits: a header holds 150 characters, a section's text 3,000, a button's 75. */
    private static final int HEADER_LIMIT = 150;
    private static final int BUTTON_LIMIT = 75;
    private static final int SECTION_LIMIT = 3000;
    /** Field names as the Slack SDK's model classes spell them (camel-slack posted them so too). */
    private static final Gson JSON = new Gson();

    /**
     * A digest lists this many events of each type, in a section of its own; its summary counts them
     * all. Ten titles stay well within a section's 3,000 characters.
     */
    static final int LINES_PER_GROUP = 10;
    /** A message holds 50 blocks: a digest's header, summary and context leave this many for its types. */
    private static final int MOST_GROUP_SECTIONS = 47;

    private final NotificationFactory notifications;
    private final DigestNotifications digests;
    private final Templates templates;
    private final HttpTarget target;

    public SlackMessages(NotificationFactory notifications, Templates templates, HttpTarget target) {
        this.notifications = notifications;
        this.digests = new DigestNotifications(notifications, templates);
        this.templates = templates;
        this.target = target;
    }

    public void prepare(Exchange exchange) {
        ClaimedDelivery delivery = exchange.getProperty(RouteProperties.DELIVERY, ClaimedDelivery.class);
        Message message = delivery.isDigest() ? message(digests.of(delivery, LINES_PER_GROUP))
                : message(notifications.of(delivery));
        target.postJson(exchange, JSON.toJson(message), ((SlackSettings) delivery.configuration().settings()).url(),
                delivery.configuration());
    }

    /** The JSON body of a notification, as posted. */
    public String payload(Notification notification) {
        return JSON.toJson(message(notification));
    }

    /** The Block Kit message of a notification. */
    public Message message(Notification notification) {
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(HeaderBlock.builder()
                .text(plain(limit(templates.render("common/title.txt", notification), HEADER_LIMIT)))
                .build());
        blocks.add(SectionBlock.builder()
                .text(markdown(limit(templates.render("slack/summary.mrkdwn", notification), SECTION_LIMIT)))
                .fields(fields(notification))
                .build());
        String changes = templates.render("slack/changes.mrkdwn", notification);
        if (!changes.isEmpty()) {
            blocks.add(SectionBlock.builder().text(markdown(limit(changes, SECTION_LIMIT))).build());
        }
        blocks.add(ContextBlock.builder()
                .elements(List.of(markdown(templates.render("slack/context.mrkdwn", notification))))
                .build());
        List<BlockElement> buttons = buttons(notification);
        if (!buttons.isEmpty()) {
            blocks.add(ActionsBlock.builder().elements(buttons).build());
        }
        Message message = new Message();
        message.setText(templates.render("slack/fallback.txt", notification));
        message.setBlocks(blocks);
        return message;
    }

    /**
     * The Block Kit message of a digest: a header with the count, a summary counting each type, one
     * section per type (the most severe first) listing its first events, and the digest's id.
     */
    public Message message(DigestNotification digest) {
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(HeaderBlock.builder()
                .text(plain(limit(templates.render("common/digest-title.txt", digest), HEADER_LIMIT)))
                .build());
        blocks.add(SectionBlock.builder()
                .text(markdown(limit(templates.render("slack/digest-summary.mrkdwn", digest), SECTION_LIMIT)))
                .build());
        for (Group group : digest.groups().subList(0, Math.min(digest.groups().size(), MOST_GROUP_SECTIONS))) {
            String section = templates.render("slack/digest-group.mrkdwn", digest.showing(List.of(group)));
            blocks.add(SectionBlock.builder().text(markdown(limit(section, SECTION_LIMIT))).build());
        }
        blocks.add(ContextBlock.builder()
                .elements(List.of(markdown(templates.render("slack/digest-context.mrkdwn", digest))))
                .build());
        Message message = new Message();
        message.setText(limit(templates.render("slack/digest-fallback.txt", digest), SECTION_LIMIT));
        message.setBlocks(blocks);
        return message;
    }

    /** The event's link, then each alert's, when {@code herald.ui-url} gives them. */
    private List<BlockElement> buttons(Notification notification) {
        List<BlockElement> buttons = new ArrayList<>();
        if (notification.link() != null) {
            buttons.add(button(templates.render("slack/button.txt", notification), notification.link()));
        }
        String openAlert = templates.render("slack/alert-button.txt", notification);
        for (AlertReference alert : notification.alerts()) {
            if (alert.link() != null) {
                buttons.add(button(openAlert + " " + alert.name(), alert.link()));
            }
        }
        // an actions block holds at most 25 elements
        return buttons.subList(0, Math.min(buttons.size(), 25));
    }

    private static ButtonElement button(String text, String url) {
        return ButtonElement.builder().text(plain(limit(text, BUTTON_LIMIT))).url(url).build();
    }

    private List<TextObject> fields(Notification notification) {
        List<TextObject> fields = new ArrayList<>();
        // one field per paragraph of the template
        for (String field : templates.render("slack/fields.mrkdwn", notification).split("\n\\s*\n")) {
            if (!field.isBlank()) {
                fields.add(markdown(limit(field.strip(), 2000)));
            }
        }
        return fields.subList(0, Math.min(fields.size(), 10));
    }

    private static PlainTextObject plain(String text) {
        return PlainTextObject.builder().text(text).emoji(true).build();
    }

    private static MarkdownTextObject markdown(String text) {
        return MarkdownTextObject.builder().text(text).build();
    }

    private static String limit(String text, int length) {
        return text.length() <= length ? text : text.substring(0, length - 1) + "…";
    }
}
