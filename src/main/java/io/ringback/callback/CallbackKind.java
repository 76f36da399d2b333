package io.ringback.callback;

/**
 * One kind of callback, named by its {@code origin} (abandoned call, scheduled, web, courtesy,
 * campaign): the bean that accepts callbacks of that kind and starts their process. Every kind stores
 * its callbacks as {@code RECEIVED} first and publishes the start message after the commit; the
 * {@link StartMessageRepublisher} finds the kind of a callback whose instance never registered by its
 * origin and has it publish the start again. docs/new-callback-kind.md is the checklist for adding one.
 */
public interface CallbackKind {

    /** The origin this kind stores in {@code callback.origin}, e.g. {@code ABANDONED_CALL}. */
    String origin();

    /**
     * Publishes the start message of a stored callback again, with the same message id as the first
     * time (the engine drops a duplicate). Failures are logged, not thrown: the next round tries again.
     */
    void publishStart(Callback callback);
}
