/**
 * Where datasets come from: IDX files ({@link dev.burnj.data.source.MnistDataset},
 * {@link dev.burnj.data.source.FashionMnistDataset}), CSV, image folders and Arrow IPC files, with the lookup of
 * installed data ({@link dev.burnj.data.source.DataLocator}) and an explicit, checksum-verified
 * {@link dev.burnj.data.source.Downloader}.
 *
 * <p>{@link dev.burnj.data.source.ArrowDataset} and {@link dev.burnj.data.source.ArrowWriter} need the JVM option
 * {@code --add-opens=java.base/java.nio=ALL-UNNAMED} on Java 17 (Arrow's memory module uses {@code java.nio}
 * internals).
 */
package dev.burnj.data.source;
