/**
 * Checkpoints: directories holding named parts (module records, optimizer and scheduler state, JSON such as loader
 * position and metric history) with a versioned manifest, written atomically by a {@link
 * dev.burnj.train.checkpoint.Checkpointer} and pruned by a {@link dev.burnj.train.checkpoint.RetentionPolicy}.
 */
package dev.burnj.train.checkpoint;
