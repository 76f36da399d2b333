package io.ringback.deploy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The queues analysts configured in {@code dmn/queue-settings.dmn}: every rule whose queue input is
 * a quoted string (the default row {@code -} names no queue), with its dial prefix output.
 */
final class QueueSettingsDmn {

    private static final String ANY = "*";

    /** Queue name to dial prefix ("" when the rule dials without prefix). */
    static Map<String, String> dialPrefixByQueue(String dmnXml) {
        try {
            var factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            Document doc = factory.newDocumentBuilder()
                    .parse(new ByteArrayInputStream(dmnXml.getBytes(StandardCharsets.UTF_8)));
            Element table = (Element) doc.getElementsByTagNameNS(ANY, "decisionTable").item(0);

            List<String> outputs = new ArrayList<>();
            NodeList outputNodes = table.getElementsByTagNameNS(ANY, "output");
            for (int i = 0; i < outputNodes.getLength(); i++) {
                outputs.add(((Element) outputNodes.item(i)).getAttribute("name"));
            }
            int dialPrefix = outputs.indexOf("dialPrefix");
            if (dialPrefix < 0) {
                throw new AssertionError("queue-settings.dmn has no dialPrefix output");
            }

            Map<String, String> prefixes = new LinkedHashMap<>();
            NodeList rules = table.getElementsByTagNameNS(ANY, "rule");
            for (int i = 0; i < rules.getLength(); i++) {
                Element rule = (Element) rules.item(i);
                String queue = text((Element) rule.getElementsByTagNameNS(ANY, "inputEntry").item(0));
                if (!isQuoted(queue)) {
                    continue; // "-": the default row for every other queue
                }
                String prefix = text((Element) rule.getElementsByTagNameNS(ANY, "outputEntry").item(dialPrefix));
                prefixes.put(unquote(queue), isQuoted(prefix) ? unquote(prefix) : "");
            }
            return prefixes;
        } catch (Exception e) {
            throw new IllegalStateException("cannot read queue-settings.dmn", e);
        }
    }

    private static String text(Element entry) {
        return entry.getElementsByTagNameNS(ANY, "text").item(0).getTextContent().strip();
    }

    private static boolean isQuoted(String feel) {
        return feel.length() >= 2 && feel.startsWith("\"") && feel.endsWith("\"");
    }

    private static String unquote(String feel) {
        return feel.substring(1, feel.length() - 1);
    }
}
