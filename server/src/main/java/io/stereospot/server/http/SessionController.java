package io.stereospot.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.stereospot.contract.CreateSessionRequest;
import io.stereospot.contract.EndSessionResponse;
import io.stereospot.contract.SessionIds;
import io.stereospot.server.session.SessionService;

/** {@code POST /stream_sessions} and {@code POST /stream_sessions/{id}/end}. */
final class SessionController {

    private final SessionService sessions;
    private final JsonBodies bodies;

    SessionController(SessionService sessions, JsonBodies bodies) {
        this.sessions = sessions;
        this.bodies = bodies;
    }

    void create(Context ctx) {
        String mode = bodies.optionalObject(ctx).map(SessionController::mode).orElse(CreateSessionRequest.DEFAULT_MODE);
        if (!CreateSessionRequest.DEFAULT_MODE.equals(mode)) {
            throw ApiException.badRequest("Unsupported mode: only \"sbs\" is available.");
        }
        ctx.status(201).json(sessions.create(mode));
    }

    void end(Context ctx) {
        String id = ctx.pathParam("id");
        if (!SessionIds.isValid(id)) {
            throw ApiException.badRequest("The session id must be a UUID v4.");
        }
        bodies.optionalObject(ctx); // optional, but if present it must be a JSON object
        if (!sessions.end(id)) {
            throw ApiException.notFound("Unknown stream session.");
        }
        ctx.json(EndSessionResponse.ended());
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
