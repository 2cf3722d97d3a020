package io.shoal.node.storage;

/** A half-open key range [from, to) in one space. */
public record KeyRange(byte[] from, byte[] to) {}
