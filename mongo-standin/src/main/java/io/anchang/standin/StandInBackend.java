package io.anchang.standin;

import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import org.h2.mvstore.MVStore;

/**
 * mongo-java-server's H2 backend, taught {@code hello}: current drivers and Spring Boot's
 * MongoDB health indicator send {@code hello}, which the stand-in only knows by its old
 * name {@code isMaster}. Without this the health of every service shows MongoDB DOWN.
 */
public final class StandInBackend extends H2Backend {

    private StandInBackend(MVStore store) {
        super(store);
    }

    private StandInBackend(String file) {
        super(file);
    }

    /** Data kept in memory only, for tests. */
    public static StandInBackend inMemory() {
        return new StandInBackend(MVStore.open(null));
    }

    /** Data kept in {@code file}, across restarts. One process per file: H2 locks it. */
    public static StandInBackend onDisk(String file) {
        return new StandInBackend(file);
    }

    @Override
    public Document handleCommand(Channel channel, String database, String command, Document query) {
        if ("hello".equalsIgnoreCase(command)) {
            Document answer = super.handleCommand(channel, database, "isMaster", query);
            answer.put("isWritablePrimary", Boolean.TRUE);
            return answer;
        }
        return super.handleCommand(channel, database, command, query);
    }
}
