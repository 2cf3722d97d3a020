/** Item-level rules shared by routers and storage nodes: DynamoDB's item size accounting and its limit. */
package io.shoal.core.item;
