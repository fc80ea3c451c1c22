package io.stereospot.server.iam;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** The AWS query-protocol XML documents the SDK's {@code StsClient} parses. */
final class StsXml {

    private static final String NS = "https://sts.amazonaws.com/doc/2011-06-15/";

    private StsXml() {
    }

    static String assumeRoleResponse(String accessKeyId, String secretAccessKey, String sessionToken,
            Instant expiration, String roleArn, String roleSessionName) {
        String roleName = roleArn.substring(roleArn.lastIndexOf('/') + 1);
        String account = roleArn.split(":").length > 4 ? roleArn.split(":")[4] : "000000000000";
        return "<AssumeRoleResponse xmlns=\"" + NS + "\">"
                + "<AssumeRoleResult>"
                + "<Credentials>"
                + "<AccessKeyId>" + escape(accessKeyId) + "</AccessKeyId>"
                + "<SecretAccessKey>" + escape(secretAccessKey) + "</SecretAccessKey>"
                + "<SessionToken>" + escape(sessionToken) + "</SessionToken>"
                + "<Expiration>" + expiration.truncatedTo(ChronoUnit.SECONDS) + "</Expiration>"
                + "</Credentials>"
                + "<AssumedRoleUser>"
                + "<AssumedRoleId>AROALOCALSTEREOSPOT:" + escape(roleSessionName) + "</AssumedRoleId>"
                + "<Arn>arn:aws:sts::" + escape(account) + ":assumed-role/" + escape(roleName) + "/"
                + escape(roleSessionName) + "</Arn>"
                + "</AssumedRoleUser>"
                + "</AssumeRoleResult>"
                + "<ResponseMetadata><RequestId>" + UUID.randomUUID() + "</RequestId></ResponseMetadata>"
                + "</AssumeRoleResponse>";
    }

    static String error(int status, String code, String message) {
        return "<ErrorResponse xmlns=\"" + NS + "\">"
                + "<Error><Type>" + (status >= 500 ? "Receiver" : "Sender") + "</Type>"
                + "<Code>" + escape(code) + "</Code><Message>" + escape(message) + "</Message></Error>"
                + "<RequestId>" + UUID.randomUUID() + "</RequestId>"
                + "</ErrorResponse>";
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
