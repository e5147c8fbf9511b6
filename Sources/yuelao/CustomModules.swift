// Generated from `customModules` in Package.swift whenever the manifest is evaluated: do not edit.
import PluginAPI
import Points
import Events

/// The modules compiled in besides the built-in ones.
enum CustomModules {
    static let all: [any Module] = [PointsModule(), EventsModule()]
}
