package io.ordo.journal;

/**
 * How far a journal append must get before the pipeline moves on.
 */
public enum Durability
{
    /**
     * The record is in a memory-mapped file, i.e. in the OS page cache: it survives the process being killed
     * (SIGKILL, a crash of the JVM), not the OS crashing or the power failing. The default.
     */
    MAPPED,
    /**
     * Additionally, at the end of every batch the journal is forced to disk (msync) before the BLP applies the
     * batch (input journal) or its results are dispatched (output journal): survives an OS crash or power loss.
     */
    SYNC
}
