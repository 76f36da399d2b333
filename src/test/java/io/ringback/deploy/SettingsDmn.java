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
 * The queues analysts configured in a settings decision ({@code dmn/abandoned-call-rules.dmn},
 * {@code dmn/dial-policy.dmn}): every rule whose {@code queue} input is a quoted string (the default
 * rows {@code -} name no queue), with the outputs it gives.
 */
final class SettingsDmn {

    private static final String ANY = "*";

    /** Queue name to the rule's outputs by output name (FEEL text, unquoted when a string literal). */
    static Map<String, Map<String, String>> queueRows(String dmnXml) {
        try {
            var factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            Document doc = factory.newDocumentBuilder()
                    .parse(new ByteArrayInputStream(dmnXml.getBytes(StandardCharsets.UTF_8)));
            Element table = (Element) doc.getElementsByTagNameNS(ANY, "decisionTable").item(0);

            List<String> inputs = new ArrayList<>();
            NodeList inputNodes = table.getElementsByTagNameNS(ANY, "inputExpression");
            for (int i = 0; i < inputNodes.getLength(); i++) {
                inputs.add(text((Element) inputNodes.item(i)));
            }
            int queueInput = inputs.indexOf("queue");
            if (queueInput < 0) {
                throw new AssertionError("the decision has no input 'queue': " + inputs);
            }
            List<String> outputs = new ArrayList<>();
            NodeList outputNodes = table.getElementsByTagNameNS(ANY, "output");
            for (int i = 0; i < outputNodes.getLength(); i++) {
                outputs.add(((Element) outputNodes.item(i)).getAttribute("name"));
            }

            Map<String, Map<String, String>> rows = new LinkedHashMap<>();
            NodeList rules = table.getElementsByTagNameNS(ANY, "rule");
            for (int i = 0; i < rules.getLength(); i++) {
                Element rule = (Element) rules.item(i);
                String queue = text((Element) rule.getElementsByTagNameNS(ANY, "inputEntry").item(queueInput));
                if (!isQuoted(queue)) {
                    continue; // "-": a default row
                }
                Map<String, String> values = new LinkedHashMap<>();
                NodeList entries = rule.getElementsByTagNameNS(ANY, "outputEntry");
                for (int o = 0; o < outputs.size(); o++) {
                    String value = text((Element) entries.item(o));
                    values.put(outputs.get(o), isQuoted(value) ? unquote(value) : value);
                }
                rows.putIfAbsent(unquote(queue), values);
            }
            return rows;
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the settings decision", e);
        }
    }

    /** Queue name to dial prefix ("" when the rule dials without prefix), from dial-policy.dmn. */
    static Map<String, String> dialPrefixByQueue(String dialPolicyXml) {
        Map<String, String> prefixes = new LinkedHashMap<>();
        queueRows(dialPolicyXml).forEach((queue, values) -> prefixes.put(queue, values.getOrDefault("dialPrefix", "")));
        return prefixes;
    }

    private static String text(Element entry) {
        NodeList text = entry.getElementsByTagNameNS(ANY, "text");
        return (text.getLength() > 0 ? text.item(0) : entry).getTextContent().strip();
    }

    private static boolean isQuoted(String feel) {
        return feel.length() >= 2 && feel.startsWith("\"") && feel.endsWith("\"");
    }

    private static String unquote(String feel) {
        return feel.substring(1, feel.length() - 1);
    }
}
