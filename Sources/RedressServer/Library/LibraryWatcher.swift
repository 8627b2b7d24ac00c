import Foundation
import Glibc
import Synchronization

/// Tells the reload loop when something in the library may have changed: Linux's inotify on the
/// library, `councils/`, each council folder and the shared folders, read on a thread of its own.
/// A wake-up only prompts a look; what changed is always decided by reading the folders, so a
/// lost or spurious event can delay a reload by at most one polling interval, never mislead it.
final class LibraryWatcher: Sendable {
    private let descriptor: Int32
    private let library: String
    private let watched = Mutex<Set<String>>([])
    private let stopped = Atomic<Bool>(false)

    /// Nil when inotify is not available (the caller polls).
    init?(library: String) {
        let descriptor = inotify_init1(Int32(IN_CLOEXEC | IN_NONBLOCK))
        guard descriptor >= 0 else { return nil }
        self.descriptor = descriptor
        self.library = library
        watchFolders()
    }

    deinit { close(descriptor) }

    /// Adds watches for folders that appeared since the last call.
    func watchFolders() {
        var folders = [library, library + "/councils", library + "/statutory", library + "/calendars"]
        folders += ((try? FileManager.default.contentsOfDirectory(atPath: library + "/councils")) ?? []).map { library + "/councils/" + $0 }
        let mask = UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE | IN_DELETE_SELF | IN_ATTRIB | IN_MODIFY)
        watched.withLock { watched in
            for folder in folders where !watched.contains(folder) {
                if inotify_add_watch(descriptor, folder, mask) >= 0 { watched.insert(folder) }
            }
        }
    }

    /// Calls `changed` (on the watcher's thread) after each batch of events, until `stop()`.
    func start(_ changed: @escaping @Sendable () -> Void) {
        let descriptor = descriptor
        let thread = Thread { [self] in
            var buffer = [UInt8](repeating: 0, count: 64 << 10)
            while !stopped.load(ordering: .relaxed) {
                var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
                guard poll(&poller, 1, 250) > 0 else { continue }
                var any = false
                while buffer.withUnsafeMutableBytes({ read(descriptor, $0.baseAddress, $0.count) }) > 0 { any = true }
                if any {
                    // Let a save that comes as several events finish, then report once.
                    usleep(20_000)
                    while buffer.withUnsafeMutableBytes({ read(descriptor, $0.baseAddress, $0.count) }) > 0 {}
                    watchFolders()
                    changed()
                }
            }
        }
        thread.name = "redress-library-watcher"
        thread.start()
    }

    func stop() {
        stopped.store(true, ordering: .relaxed)
    }
}
