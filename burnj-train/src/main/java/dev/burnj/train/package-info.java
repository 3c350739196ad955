/**
 * Training: checkpoints ({@link dev.burnj.train.checkpoint}) and what monitors metrics ({@link dev.burnj.train.Goal}).
 */
package dev.burnj.train;
