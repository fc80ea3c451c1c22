package io.stereospot.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.stereospot.contract.CreateSessionRequest;
import io.stereospot.contract.EndSessionResponse;
import io.stereospot.contract.RenewalGrant;
import io.stereospot.contract.SessionIds;
import io.stereospot.contract.StreamSession;
import io.stereospot.server.access.AccessRefused;
import io.stereospot.server.access.AccessSettings;
import io.stereospot.server.access.CreateGate;
import io.stereospot.server.session.RenewalRefused;
import io.stereospot.server.session.SessionService;
import io.stereospot.server.store.SessionQuota;

/**
 * {@code POST /stream_sessions}, {@code POST /stream_sessions/{id}/credentials} and
 * {@code POST /stream_sessions/{id}/end}.
 */
final class SessionController {

    private final SessionService sessions;
    private final JsonBodies bodies;
    private final AccessSettings access;
    private final CreateGate gate;

    SessionController(SessionService sessions, JsonBodies bodies, AccessSettings access) {
        this.sessions = sessions;
        this.bodies = bodies;
        this.access = access;
        this.gate = new CreateGate(access, id -> sessions.find(id).map(r -> !r.ended()).orElse(false));
    }

    void create(Context ctx) {
        String mode = bodies.optionalObject(ctx).map(SessionController::mode).orElse(CreateSessionRequest.DEFAULT_MODE);
        if (!CreateSessionRequest.DEFAULT_MODE.equals(mode)) {
            throw ApiException.badRequest("Unsupported mode: only \"sbs\" is available.");
        }
        CreateGate.Caller caller = new CreateGate.Caller(bearerToken(ctx.header("Authorization")),
                ctx.req().getRemoteAddr(), ctx.req().getLocalAddr());
        try {
            ctx.status(201).json(gate.create(caller, () -> sessions.create(mode), StreamSession::sessionId));
        } catch (AccessRefused e) {
            throw new ApiException(e.status(), e.getMessage());
        }
    }

    /** The renewal secret comes in the Authorization header, which nothing logs. */
    void renew(Context ctx) {
        String id = validId(ctx);
        String secret = bearerToken(ctx.header("Authorization"));
        if (secret == null) {
            throw new ApiException(401, "Renewing credentials needs the session's renewal secret, sent as"
                    + " \"Authorization: Bearer <secret>\".");
        }
        bodies.optionalObject(ctx);
        try {
            ctx.json(sessions.renew(id, secret));
        } catch (RenewalRefused e) {
            throw refusal(e.reason(), access.sessionQuotaBytes());
        }
    }

    /**
     * Only the owner ends a session: the playlist URL names the session, so the id alone must not be enough. A v1
     * client sends no secret; {@link AccessSettings#allowUnauthenticatedEnd()} lets it end anyway.
     */
    void end(Context ctx) {
        String id = validId(ctx);
        bodies.optionalObject(ctx); // optional, but if present it must be a JSON object
        String secret = bearerToken(ctx.header("Authorization"));
        if (secret == null && !access.allowUnauthenticatedEnd()) {
            throw new ApiException(401, "Ending a stream session needs its owner secret (the renewal secret handed"
                    + " out at creation), sent as \"Authorization: Bearer <secret>\".");
        }
        if (secret == null) {
            if (!sessions.end(id)) {
                throw ApiException.notFound("Unknown stream session.");
            }
        } else {
            try {
                sessions.endAsOwner(id, secret);
            } catch (RenewalRefused e) {
                throw endRefusal(e.reason());
            }
        }
        ctx.json(EndSessionResponse.ended());
    }

    private static String validId(Context ctx) {
        String id = ctx.pathParam("id");
        if (!SessionIds.isValid(id)) {
            throw ApiException.invalidSessionId();
        }
        return id;
    }

    /** The token of {@code Bearer <token>}, or null when there is none. */
    private static String bearerToken(String authorization) {
        String scheme = RenewalGrant.AUTHORIZATION_SCHEME + " ";
        if (authorization == null || !authorization.regionMatches(true, 0, scheme, 0, scheme.length())) {
            return null;
        }
        String token = authorization.substring(scheme.length()).strip();
        return token.isEmpty() ? null : token;
    }

    private static ApiException refusal(RenewalRefused.Reason reason, long quotaBytes) {
        return switch (reason) {
            case NO_SUCH_SESSION -> ApiException.notFound("Unknown stream session.");
            case WRONG_SECRET -> new ApiException(403, "The renewal secret is wrong for this stream session.");
            case ANOTHER_SESSIONS_SECRET -> new ApiException(403,
                    "The renewal secret belongs to another stream session.");
            case NOT_RENEWABLE -> new ApiException(409,
                    "This stream session was created without a renewal secret; its credentials cannot be renewed.");
            case ENDED -> new ApiException(410, "The stream session has ended; its credentials are not renewed.");
            case QUOTA_USED_UP -> new ApiException(403, SessionQuota.sentence(quotaBytes));
        };
    }

    private static ApiException endRefusal(RenewalRefused.Reason reason) {
        return switch (reason) {
            case NO_SUCH_SESSION, ENDED, QUOTA_USED_UP -> ApiException.notFound("Unknown stream session.");
            case WRONG_SECRET -> new ApiException(403,
                    "The secret is wrong for this stream session: only its owner can end it.");
            case ANOTHER_SESSIONS_SECRET -> new ApiException(403,
                    "The secret belongs to another stream session: only this session's owner can end it.");
            case NOT_RENEWABLE -> new ApiException(403, "This stream session was created without an owner secret;"
                    + " only a server started with --allow-unauthenticated-end ends it.");
        };
    }

    private static String mode(JsonNode body) {
        JsonNode mode = body.get("mode");
        if (mode == null || mode.isNull()) {
            return CreateSessionRequest.DEFAULT_MODE;
        }
        if (!mode.isTextual()) {
            throw ApiException.badRequest("\"mode\" must be a string.");
        }
        return mode.asText();
    }
}
