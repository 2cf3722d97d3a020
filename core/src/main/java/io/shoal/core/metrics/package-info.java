/**
 * Meters shared by every Shoal process (today: the JVM and process binders). Owns which standard meters a process
 * exports; must not touch a registry's lifecycle or anything process-specific (node and router meters live in their
 * own modules).
 */
package io.shoal.core.metrics;
