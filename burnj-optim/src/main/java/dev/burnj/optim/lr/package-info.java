/**
 * Learning-rate schedules with PyTorch's formulas, advanced one step per call and applied to an optimizer's groups
 * from their initial learning rates; their state is JSON-able for exact resume.
 */
package dev.burnj.optim.lr;
