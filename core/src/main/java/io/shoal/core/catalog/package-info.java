/**
 * Rules for changing a table's catalog entry (UpdateTable settings, tags, deletion protection) that must give the
 * same answer wherever they run: in the metadata state machine at apply, and in test fakes of the cluster. Pure
 * functions of the current {@link io.shoal.proto.TableInfo} and a command; no clock, no I/O.
 */
package io.shoal.core.catalog;
