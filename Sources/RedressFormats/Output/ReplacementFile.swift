import Glibc

/// Why an output file could not be opened, written or put in place: the file and the system's reason.
public struct FileFailure: Error, CustomStringConvertible, Sendable {
    public var path: String
    public var code: Int32

    public init(path: String, code: Int32) {
        self.path = path
        self.code = code
    }

    public var description: String { "\(path): \(String(cString: strerror(code)))" }
}

/// An output file that changes only when the run that writes it succeeds.
///
/// A regular file (or a path where none exists yet) is written beside itself, in a file with no
/// name (`O_TMPFILE`) or a hidden temporary one, and put in place by `commit()` with one rename:
/// until then the old file is untouched, and a run that fails or is stopped leaves it byte for byte
/// as it was. A symbolic link is followed, so the link stays a link and its target is replaced; the
/// replaced file keeps its permissions (and its owner, where the process may set it). A FIFO, a
/// device or anything under `/dev` or `/proc` (`/dev/stdout`) is written directly, as it cannot be
/// replaced.
public final class ReplacementFile {
    /// The path as given (for messages).
    public let path: String
    /// The file that `commit()` replaces (the path after symbolic links).
    let target: String
    private var descriptor: Int32
    /// The hidden temporary name when `O_TMPFILE` was not available; nil for an unnamed or direct file.
    private var temporaryName: String?
    private let direct: Bool
    private var finished = false
    /// Bytes written, and where the disk was last asked to start storing them (`syncInterval`).
    private var bytesWritten = 0
    private var advisedUpTo = 0
    /// Every this many bytes written to a file being replaced, the disk is asked to start storing
    /// them (`POSIX_FADV_DONTNEED`, which on Linux starts write-back without waiting), so it works
    /// while the run does and `commit()`'s flush finds little left: an `--explain` run writes
    /// 1.3 GB for 1M complaints, and flushed only at the end, the run waited for all of it.
    public static let syncInterval = 32 << 20

    /// Opens the output. Refuses a directory; creates nothing visible until `commit()`.
    public init(path: String) throws(FileFailure) {
        self.path = path
        let target = Self.resolvingLinks(path)
        self.target = target
        var status = stat()
        let exists = stat(target, &status) == 0
        if exists, (status.st_mode & S_IFMT) == S_IFDIR { throw FileFailure(path: path, code: EISDIR) }
        let regular = !exists || (status.st_mode & S_IFMT) == S_IFREG
        if !regular || target.hasPrefix("/dev/") || target.hasPrefix("/proc/") {
            let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else { throw FileFailure(path: path, code: errno) }
            self.descriptor = descriptor
            self.direct = true
            return
        }
        direct = false
        let folder = Self.folder(of: target)
        var descriptor = open(folder, Self.unnamedFile | O_WRONLY | O_CLOEXEC, 0o644)
        if descriptor < 0 {
            let named = try Self.temporaryFile(prefix: folder + "/." + Self.name(of: target) + ".redress-", reporting: path)
            descriptor = named.descriptor
            temporaryName = named.name
        }
        self.descriptor = descriptor
        if exists {
            // The replacement keeps the file's permissions, and its owner where that is allowed.
            fchmod(descriptor, status.st_mode & 0o7777)
            _ = fchown(descriptor, status.st_uid, status.st_gid)
        } else if temporaryName != nil {
            let mask = umask(0)
            umask(mask)
            fchmod(descriptor, 0o644 & ~mask)
        }
    }

    deinit { abandon() }

    /// Linux's `O_TMPFILE` (`__O_TMPFILE | O_DIRECTORY`; the macro is not visible to Swift).
    static let unnamedFile: Int32 = 0o20000000 | O_DIRECTORY

    /// Writes every byte, retrying short writes and interruptions.
    public func write(_ bytes: UnsafeRawBufferPointer) throws(FileFailure) {
        var offset = 0
        while offset < bytes.count {
            let written = Glibc.write(descriptor, bytes.baseAddress.map { $0 + offset }, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw FileFailure(path: path, code: errno)
            }
            offset += written
        }
        bytesWritten += bytes.count
        if !direct, bytesWritten - advisedUpTo >= Self.syncInterval {
            // Linux starts writing back the range's pages and does not wait for them; those of the
            // range before, stored by now, leave the page cache (the run never reads them again).
            let from = max(0, advisedUpTo - Self.syncInterval)
            _ = posix_fadvise(descriptor, off_t(from), off_t(bytesWritten - from), POSIX_FADV_DONTNEED)
            advisedUpTo = bytesWritten
        }
    }

    public func write(_ bytes: [UInt8]) throws(FileFailure) {
        try bytes.withUnsafeBytes { buffer in Result { () throws(FileFailure) in try write(buffer) } }.get()
    }

    /// Puts the written file in place of the old one (flushed to disk first), in one rename.
    public func commit() throws(FileFailure) {
        guard !finished else { return }
        finished = true
        defer { close(descriptor) }
        if direct { return }
        guard fsync(descriptor) == 0 else {
            let code = errno
            discardTemporaryName()
            throw FileFailure(path: path, code: code)
        }
        let folder = Self.folder(of: target)
        if temporaryName == nil {
            // An unnamed file gets a name beside the target, then takes the target's place.
            for attempt in 0..<100 {
                let name = folder + "/." + Self.name(of: target) + ".redress-\(getpid())-\(attempt)"
                if linkat(AT_FDCWD, "/proc/self/fd/\(descriptor)", AT_FDCWD, name, AT_SYMLINK_FOLLOW) == 0 {
                    temporaryName = name
                    break
                }
                guard errno == EEXIST else { throw FileFailure(path: path, code: errno) }
            }
        }
        guard let temporaryName, rename(temporaryName, target) == 0 else {
            let code = temporaryName == nil ? EEXIST : errno
            discardTemporaryName()
            throw FileFailure(path: path, code: code)
        }
        self.temporaryName = nil
        let folderDescriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if folderDescriptor >= 0 {
            fsync(folderDescriptor)
            close(folderDescriptor)
        }
    }

    /// Drops what was written; the old file stays as it was. (A direct file keeps what reached it.)
    public func abandon() {
        guard !finished else { return }
        finished = true
        close(descriptor)
        discardTemporaryName()
    }

    /// A new file named `prefix` and six random characters (`mkstemp`), closed on exec.
    static func temporaryFile(prefix: String, reporting path: String) throws(FileFailure) -> (descriptor: Int32, name: String) {
        var template = Array((prefix + "XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { buffer in buffer.baseAddress.map { mkstemp($0) } ?? -1 }
        guard descriptor >= 0 else { throw FileFailure(path: path, code: errno) }
        _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        return (descriptor, String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self))
    }

    private func discardTemporaryName() {
        if let temporaryName { unlink(temporaryName) }
        temporaryName = nil
    }

    /// The path with every symbolic link followed, even to a file that does not exist yet.
    static func resolvingLinks(_ path: String) -> String {
        var current = path
        for _ in 0..<40 {
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let length = readlink(current, &buffer, buffer.count - 1)
            guard length > 0 else { return current }
            let link = String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            current = link.hasPrefix("/") ? link : folder(of: current) + "/" + link
        }
        return current
    }

    static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    static func name(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }
}
