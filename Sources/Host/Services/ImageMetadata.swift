/// Removes what a camera or editor writes beside the picture (Exif with GPS position, XMP, IPTC, comments, timestamps)
/// from JPEG, PNG and WebP files, keeping the image data and what is needed to show it (JFIF, ICC colour profile, Adobe colour transform).
/// Input that does not parse as its format is refused, so what is stored is a file this walker understood from end to end.
enum ImageMetadata {
    struct Malformed: Error {}

    /// `bytes` without metadata; throws `Malformed` when they are not a well-formed file of `type`.
    static func strip(_ bytes: [UInt8], as type: UploadStore.ImageType) throws -> [UInt8] {
        switch type {
        case .jpeg: try jpeg(bytes)
        case .png: try png(bytes)
        case .webp: try webp(bytes)
        }
    }

    // MARK: - JPEG

    /// Walks the marker segments (and the entropy-coded data after each SOS) up to EOI; anything after EOI is dropped.
    static func jpeg(_ b: [UInt8]) throws -> [UInt8] {
        guard b.count >= 4, b[0] == 0xFF, b[1] == 0xD8 else { throw Malformed() }
        var out: [UInt8] = [0xFF, 0xD8]
        out.reserveCapacity(b.count)
        var i = 2
        while true {
            guard i < b.count, b[i] == 0xFF else { throw Malformed() }
            while i < b.count, b[i] == 0xFF { i += 1 }   // fill bytes
            guard i < b.count else { throw Malformed() }
            let marker = b[i]
            i += 1
            switch marker {
            case 0xD9:
                return out + [0xFF, 0xD9]
            case 0x01, 0xD0...0xD7:
                out += [0xFF, marker]
                continue
            case 0x00, 0xD8:
                throw Malformed()
            default:
                break
            }
            guard i + 2 <= b.count else { throw Malformed() }
            let length = Int(b[i]) << 8 | Int(b[i + 1])
            guard length >= 2, i + length <= b.count else { throw Malformed() }
            if keepsJPEGSegment(marker, payload: b[(i + 2)..<(i + length)]) {
                out += [0xFF, marker]
                out += b[i..<(i + length)]
            }
            i += length
            if marker == 0xDA {
                // Entropy-coded data: ends at the first 0xFF not followed by a stuffed 0x00 or a restart marker.
                let start = i
                while i < b.count {
                    if b[i] == 0xFF, i + 1 < b.count, b[i + 1] != 0x00, !(0xD0...0xD7).contains(b[i + 1]) { break }
                    i += 1
                }
                out += b[start..<i]
                if i >= b.count { return out + [0xFF, 0xD9] }   // a file cut short after its scan: close it
            }
        }
    }

    /// APP0 JFIF/JFXX, APP2 ICC_PROFILE and APP14 Adobe stay; every other APPn (Exif, XMP, IPTC, MPF …) and COM go;
    /// the segments that make up the picture (tables, frame and scan headers) stay.
    static func keepsJPEGSegment(_ marker: UInt8, payload: ArraySlice<UInt8>) -> Bool {
        func starts(_ text: String) -> Bool { payload.starts(with: Array(text.utf8)) }
        switch marker {
        case 0xE0: return starts("JFIF\0") || starts("JFXX\0")
        case 0xE2: return starts("ICC_PROFILE\0")
        case 0xEE: return starts("Adobe")
        case 0xE1...0xEF, 0xFE: return false
        default: return true
        }
    }

    // MARK: - PNG

    static let pngSignature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
    /// Ancillary chunks that carry metadata rather than picture.
    static let pngMetadataChunks: Set<String> = ["eXIf", "tEXt", "zTXt", "iTXt", "tIME"]

    /// Copies the chunks from IHDR to IEND, leaving out the metadata chunks; anything after IEND is dropped.
    static func png(_ b: [UInt8]) throws -> [UInt8] {
        guard b.count >= 8, b[0..<8].elementsEqual(pngSignature) else { throw Malformed() }
        var out = pngSignature
        out.reserveCapacity(b.count)
        var i = 8
        var first = true
        while true {
            guard i + 12 <= b.count else { throw Malformed() }
            let length = Int(b[i]) << 24 | Int(b[i + 1]) << 16 | Int(b[i + 2]) << 8 | Int(b[i + 3])
            guard length <= b.count - i - 12 else { throw Malformed() }
            let typeBytes = b[(i + 4)..<(i + 8)]
            guard typeBytes.allSatisfy({ (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) }) else { throw Malformed() }
            let type = String(decoding: typeBytes, as: UTF8.self)
            guard !first || type == "IHDR" else { throw Malformed() }
            first = false
            let end = i + 12 + length
            if !pngMetadataChunks.contains(type) { out += b[i..<end] }
            i = end
            if type == "IEND" { return out }
        }
    }

    // MARK: - WebP

    /// Copies the RIFF chunks without EXIF and XMP, clears their VP8X flags and rewrites the RIFF size.
    static func webp(_ b: [UInt8]) throws -> [UInt8] {
        guard b.count >= 20, b[0..<4].elementsEqual(Array("RIFF".utf8)), b[8..<12].elementsEqual(Array("WEBP".utf8)) else { throw Malformed() }
        let declared = Int(littleEndian: b, at: 4)
        guard declared >= 4, declared <= b.count - 8 else { throw Malformed() }
        let end = 8 + declared
        var chunks: [UInt8] = []
        chunks.reserveCapacity(declared)
        var i = 12
        var first = true
        while i < end {
            guard i + 8 <= end else { throw Malformed() }
            let fourCC = String(decoding: b[i..<(i + 4)], as: UTF8.self)
            let size = Int(littleEndian: b, at: i + 4)
            guard size <= end - i - 8 else { throw Malformed() }
            guard !first || ["VP8 ", "VP8L", "VP8X"].contains(fourCC) else { throw Malformed() }
            first = false
            let padded = size + (size & 1)
            let chunkEnd = min(i + 8 + padded, end)
            if fourCC != "EXIF", fourCC != "XMP " {
                var chunk = Array(b[i..<chunkEnd])
                if chunk.count < 8 + padded { chunk.append(0) }   // a last odd-sized chunk without its pad byte
                if fourCC == "VP8X", size >= 1 { chunk[8] &= ~UInt8(0x08 | 0x04) }   // no Exif, no XMP
                chunks += chunk
            }
            i = chunkEnd
        }
        guard !first else { throw Malformed() }
        let size = UInt32(chunks.count + 4)
        return Array("RIFF".utf8) + [UInt8(size & 0xFF), UInt8(size >> 8 & 0xFF), UInt8(size >> 16 & 0xFF), UInt8(size >> 24)]
            + Array("WEBP".utf8) + chunks
    }
}

private extension Int {
    /// A little-endian unsigned 32-bit number at `offset`.
    init(littleEndian b: [UInt8], at offset: Int) {
        self = Int(b[offset]) | Int(b[offset + 1]) << 8 | Int(b[offset + 2]) << 16 | Int(b[offset + 3]) << 24
    }
}
