package io.shoal.node.raft;

import com.alipay.sofa.jraft.core.DefaultJRaftServiceFactory;
import com.alipay.sofa.jraft.option.RaftOptions;
import com.alipay.sofa.jraft.storage.LogStorage;

/** Makes jraft store a group's log in the node's {@link SharedLogStore}; snapshots and meta stay jraft's own. */
final class SharedLogServiceFactory extends DefaultJRaftServiceFactory {
  private final SharedLogStore store;
  private final String groupId;

  SharedLogServiceFactory(SharedLogStore store, String groupId) {
    this.store = store;
    this.groupId = groupId;
  }

  @Override
  public LogStorage createLogStorage(String uri, RaftOptions raftOptions) {
    return new GroupLogStorage(store, groupId);
  }
}
