/** The leader-side upkeep of each group's change log: proposing trims of the records no consumer needs. */
package io.shoal.node.changelog;
