package io.ringback.directory;

/**
 * An agent was removed from the directory: they left the company. Published in the removal's
 * transaction, so a {@code @TransactionalEventListener} (or {@code @ApplicationModuleListener}) hears it
 * once the removal is committed, and a plain {@code @EventListener} runs inside it (and undoes the
 * removal by throwing). Callbacks pinned to the agent are to be released.
 */
public record AgentRemoved(String userId) {}
