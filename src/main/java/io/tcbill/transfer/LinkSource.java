package io.tcbill.transfer;

/**
 * Gives a ready, signed download URL (asks the Partner API and waits until the file is ready). Called once per
 * archive, and again when the download host refused or expired the previous link.
 */
@FunctionalInterface
public interface LinkSource {
    String freshLink();
}
