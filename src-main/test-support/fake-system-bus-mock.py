#!/usr/bin/python3
"""
A stand-in for systemd (org.freedesktop.systemd1) and systemd-logind (org.freedesktop.login1) on a
private bus, for the tests of src-main/services/linux/ and src-main/users/linux/ on machines that
run no systemd. It exports the same object paths, interfaces, method signatures and property types
as the real ones (systemd's org.freedesktop.systemd1(5), org.freedesktop.login1(5)), for the few
units and sessions below; started by fake-system-bus.ts, which documents them.

Usage: fake-system-bus-mock.py ADDRESS OPTIONS_JSON   (prints "ready" once its names are owned)
"""
import json
import os
import sys

import dbus
import dbus.mainloop.glib
import dbus.service
from gi.repository import GLib

SYSTEMD = 'org.freedesktop.systemd1'
MANAGER = 'org.freedesktop.systemd1.Manager'
UNIT = 'org.freedesktop.systemd1.Unit'
SERVICE = 'org.freedesktop.systemd1.Service'
LOGIN = 'org.freedesktop.login1'
PROPERTIES = 'org.freedesktop.DBus.Properties'


def bus_label(text):
    """systemd's bus_label_escape: every byte but [A-Za-z0-9] (and a leading digit) becomes _xx."""
    out = []
    for index, char in enumerate(text):
        if char.isascii() and (char.isalpha() or (char.isdigit() and index > 0)):
            out.append(char)
        else:
            out.append('_%02x' % ord(char))
    return ''.join(out)


class PropertiesObject(dbus.service.Object):
    """An object whose properties are read through org.freedesktop.DBus.Properties."""

    def properties(self):
        return {}

    @dbus.service.method(PROPERTIES, in_signature='s', out_signature='a{sv}')
    def GetAll(self, interface):
        return dbus.Dictionary(self.properties().get(interface, {}), signature='sv')

    @dbus.service.method(PROPERTIES, in_signature='ss', out_signature='v')
    def Get(self, interface, name):
        props = self.properties().get(interface, {})
        if name not in props:
            raise dbus.exceptions.DBusException('Unknown property', name='org.freedesktop.DBus.Error.UnknownProperty')
        return props[name]


class Unit(PropertiesObject):
    def __init__(self, bus, manager, name, description, active, sub, file_state, slice_name='system.slice',
                 required_by=(), bound_by=(), load_state='loaded', behaviour='normal'):
        self.path = '/org/freedesktop/systemd1/unit/' + bus_label(name)
        super().__init__(bus, self.path)
        self.manager = manager
        self.name = name
        self.description = description
        self.active = active
        self.sub = sub
        self.file_state = file_state
        self.slice_name = slice_name
        self.required_by = list(required_by)
        self.bound_by = list(bound_by)
        self.load_state = load_state
        # normal | refuse-stop (polkit refuses) | never-stops (the stop job never finishes) | fails-to-start
        self.behaviour = behaviour
        self.job = (0, '/')
        self.main_pid = os.getpid() if active == 'active' else 0

    def properties(self):
        is_service = self.name.endswith('.service')
        props = {
            UNIT: {
                'Id': dbus.String(self.name),
                'Names': dbus.Array([self.name], signature='s'),
                'Description': dbus.String(self.description),
                'LoadState': dbus.String(self.load_state),
                'ActiveState': dbus.String(self.active),
                'SubState': dbus.String(self.sub),
                'UnitFileState': dbus.String(self.file_state),
                'RequiredBy': dbus.Array(self.required_by, signature='s'),
                'BoundBy': dbus.Array(self.bound_by, signature='s'),
                'CanStart': dbus.Boolean(True),
                'CanStop': dbus.Boolean(True),
                'Job': dbus.Struct((dbus.UInt32(self.job[0]), dbus.ObjectPath(self.job[1])), signature='uo'),
                'ActiveEnterTimestamp': dbus.UInt64(1_700_000_000_000_000),
            },
        }
        if is_service:
            props[SERVICE] = {
                'Type': dbus.String('simple'),
                'MainPID': dbus.UInt32(self.main_pid),
                'ControlPID': dbus.UInt32(0),
                'Slice': dbus.String(self.slice_name),
                'NRestarts': dbus.UInt32(0),
            }
        return props

    def row(self):
        job_id, job_path = self.job
        return dbus.Struct((self.name, self.description, self.load_state, self.active, self.sub, '',
                            dbus.ObjectPath(self.path), dbus.UInt32(job_id), 'stop' if job_id else '',
                            dbus.ObjectPath(job_path)), signature='ssssssouso')

    def queue(self, kind, then):
        job_id = self.manager.next_job()
        self.job = (job_id, '/org/freedesktop/systemd1/job/%d' % job_id)
        GLib.timeout_add(self.manager.job_ms, then)
        return dbus.ObjectPath(self.job[1])

    def set_state(self, active, sub, pid):
        self.active, self.sub, self.main_pid = active, sub, pid
        self.job = (0, '/')
        return False

    def stop(self):
        self.active, self.sub = 'deactivating', 'stop-sigterm'
        if self.behaviour == 'never-stops':
            job_id = self.manager.next_job()
            self.job = (job_id, '/org/freedesktop/systemd1/job/%d' % job_id)
            return dbus.ObjectPath(self.job[1])
        for dependent in self.required_by + self.bound_by:
            unit = self.manager.units.get(dependent)
            if unit is not None and unit.active in ('active', 'activating', 'reloading'):
                unit.stop()
        return self.queue('stop', lambda: self.set_state('inactive', 'dead', 0))

    def start(self):
        self.active, self.sub = 'activating', 'start'
        if self.behaviour == 'fails-to-start':
            return self.queue('start', lambda: self.set_state('failed', 'failed', 0))
        return self.queue('start', lambda: self.set_state('active', 'running', os.getpid()))

    def restart(self):
        self.active, self.sub = 'deactivating', 'stop-sigterm'

        def stopped():
            self.active, self.sub, self.main_pid = 'activating', 'start', 0
            GLib.timeout_add(self.manager.job_ms, lambda: self.set_state('active', 'running', os.getpid()))
            return False

        return self.queue('restart', stopped)


class Manager(PropertiesObject):
    def __init__(self, bus, job_ms):
        super().__init__(bus, '/org/freedesktop/systemd1')
        self.units = {}
        self.job_ms = job_ms
        self.last_job = 100

    def next_job(self):
        self.last_job += 1
        return self.last_job

    def add(self, *args, **kwargs):
        unit = Unit(self.connection, self, *args, **kwargs)
        self.units[unit.name] = unit

    def loaded(self, name):
        unit = self.units.get(name)
        if unit is None or unit.load_state == 'not-found':
            raise dbus.exceptions.DBusException('Unit %s not loaded.' % name, name='org.freedesktop.systemd1.NoSuchUnit')
        return unit

    @staticmethod
    def check_mode(mode):
        if mode not in ('replace', 'fail', 'isolate', 'ignore-dependencies', 'ignore-requirements'):
            raise dbus.exceptions.DBusException('Job mode %s invalid.' % mode, name='org.freedesktop.DBus.Error.InvalidArgs')

    def properties(self):
        return {MANAGER: {'Version': dbus.String('252-fake'), 'SystemState': dbus.String('running')}}

    @dbus.service.method(MANAGER, in_signature='', out_signature='a(ssssssouso)')
    def ListUnits(self):
        return dbus.Array([unit.row() for unit in self.units.values()], signature='(ssssssouso)')

    @dbus.service.method(MANAGER, in_signature='', out_signature='a(ss)')
    def ListUnitFiles(self):
        # The loaded units' files, plus files of units systemd has not loaded (a disabled service
        # nothing refers to, a template, a socket), as systemd lists every file it finds.
        files = [('/usr/lib/systemd/system/' + unit.name, unit.file_state) for unit in self.units.values()
                 if unit.load_state == 'loaded' and unit.file_state != '']
        files += [('/usr/lib/systemd/system/unused.service', 'disabled'),
                  ('/usr/lib/systemd/system/getty@.service', 'enabled'),
                  ('/usr/lib/systemd/system/foo.socket', 'enabled')]
        return dbus.Array([dbus.Struct(file, signature='ss') for file in files], signature='(ss)')

    @dbus.service.method(MANAGER, in_signature='s', out_signature='o')
    def GetUnit(self, name):
        return dbus.ObjectPath(self.loaded(name).path)

    @dbus.service.method(MANAGER, in_signature='s', out_signature='o')
    def LoadUnit(self, name):
        return dbus.ObjectPath(self.loaded(name).path)

    @dbus.service.method(MANAGER, in_signature='ss', out_signature='o')
    def StopUnit(self, name, mode):
        self.check_mode(mode)
        unit = self.loaded(name)
        if unit.behaviour == 'refuse-stop':
            # What systemd answers when polkit would have to ask for a password and the caller did not allow it to.
            raise dbus.exceptions.DBusException('Interactive authentication required.',
                                                name='org.freedesktop.DBus.Error.InteractiveAuthorizationRequired')
        return unit.stop()

    @dbus.service.method(MANAGER, in_signature='ss', out_signature='o')
    def StartUnit(self, name, mode):
        self.check_mode(mode)
        return self.loaded(name).start()

    @dbus.service.method(MANAGER, in_signature='ss', out_signature='o')
    def RestartUnit(self, name, mode):
        self.check_mode(mode)
        unit = self.loaded(name)
        if unit.behaviour == 'refuse-stop':
            raise dbus.exceptions.DBusException('Interactive authentication required.',
                                                name='org.freedesktop.DBus.Error.InteractiveAuthorizationRequired')
        return unit.restart()


class Session(PropertiesObject):
    def __init__(self, bus, session_id, uid, user, seat, tty, state, remote_host, timestamp_us):
        self.path = '/org/freedesktop/login1/session/' + bus_label(session_id)
        super().__init__(bus, self.path)
        self.session_id, self.uid, self.user, self.seat = session_id, uid, user, seat
        self.tty, self.state, self.remote_host, self.timestamp_us = tty, state, remote_host, timestamp_us

    def properties(self):
        seat_path = '/org/freedesktop/login1/seat/' + bus_label(self.seat) if self.seat else '/'
        return {
            'org.freedesktop.login1.Session': {
                'Id': dbus.String(self.session_id),
                'User': dbus.Struct((dbus.UInt32(self.uid), dbus.ObjectPath('/org/freedesktop/login1/user/_%d' % self.uid)), signature='uo'),
                'Name': dbus.String(self.user),
                'Timestamp': dbus.UInt64(self.timestamp_us),
                'TimestampMonotonic': dbus.UInt64(12_345_678),
                'TTY': dbus.String(self.tty),
                'Seat': dbus.Struct((dbus.String(self.seat), dbus.ObjectPath(seat_path)), signature='so'),
                'Display': dbus.String(''),
                'Remote': dbus.Boolean(self.remote_host != ''),
                'RemoteHost': dbus.String(self.remote_host),
                'RemoteUser': dbus.String(''),
                'Service': dbus.String('sshd' if self.remote_host else 'login'),
                'Type': dbus.String('tty'),
                'Class': dbus.String('user'),
                'Active': dbus.Boolean(self.state == 'active'),
                'State': dbus.String(self.state),
                'IdleHint': dbus.Boolean(False),
            },
        }


class LoginManager(PropertiesObject):
    def __init__(self, bus):
        super().__init__(bus, '/org/freedesktop/login1')
        self.sessions = []

    @dbus.service.method('org.freedesktop.login1.Manager', in_signature='', out_signature='a(susso)')
    def ListSessions(self):
        return dbus.Array([dbus.Struct((s.session_id, dbus.UInt32(s.uid), s.user, s.seat, dbus.ObjectPath(s.path)), signature='susso')
                           for s in self.sessions], signature='(susso)')


def main():
    address, options = sys.argv[1], json.loads(sys.argv[2])
    dbus.mainloop.glib.DBusGMainLoop(set_as_default=True)
    bus = dbus.bus.BusConnection(address)
    keep = []
    if options.get('withSystemd', True):
        manager = Manager(bus, options.get('jobMs', 150))
        manager.add('ssh.service', 'OpenBSD Secure Shell server', 'active', 'running', 'enabled')
        manager.add('postgresql.service', 'PostgreSQL RDBMS', 'active', 'running', 'enabled', required_by=['app-backend.service'])
        manager.add('app-backend.service', 'Backend of the web app', 'active', 'running', 'static')
        manager.add('bluetooth.service', 'Bluetooth service', 'active', 'running', 'enabled', behaviour='refuse-stop')
        manager.add('stuck.service', 'A service that never stops', 'active', 'running', 'indirect', slice_name='stuck.slice', behaviour='never-stops')
        manager.add('rsync.service', 'fast remote file copy program daemon', 'inactive', 'dead', 'disabled')
        manager.add('broken.service', 'A service that fails to start', 'failed', 'failed', 'masked', behaviour='fails-to-start')
        manager.add('plymouth-quit.service', 'plymouth-quit.service', 'inactive', 'dead', '', load_state='not-found')
        manager.add('-.mount', 'Root Mount', 'active', 'mounted', 'generated')
        manager.add('multi-user.target', 'Multi-User System', 'active', 'active', 'static')
        for index in range(options.get('extraUnits', 0)):
            manager.add('extra-%03d.service' % index, 'Extra unit %d' % index, 'inactive', 'dead', 'disabled')
        keep.append(dbus.service.BusName(SYSTEMD, bus))
    if options.get('withLogind', True):
        login = LoginManager(bus)
        login.sessions = [
            Session(bus, '2', 1000, 'alice', 'seat0', 'tty2', 'active', '', 1_700_000_000_000_000),
            Session(bus, 'c3', 0, 'root', '', 'pts/0', 'online', '192.0.2.7', 1_700_000_600_000_000),
            Session(bus, '5', 1001, 'bob', '', '', 'closing', '', 0),
        ]
        keep.append(dbus.service.BusName(LOGIN, bus))
    print('ready', flush=True)
    GLib.MainLoop().run()


if __name__ == '__main__':
    main()
