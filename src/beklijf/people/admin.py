from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from beklijf.people.models import Employee, Organization, Team, User

admin.site.register(User, UserAdmin)


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "target_retention", "daily_question_cap"]


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["name", "organization", "parent", "manager"]
    list_filter = ["organization"]


@admin.register(Employee)
class EmployeeAdmin(admin.ModelAdmin):
    list_display = ["full_name", "organization", "team", "role", "is_active"]
    list_filter = ["organization", "role", "is_active"]
    search_fields = ["first_name", "last_name", "employee_number", "user__email"]
    raw_id_fields = ["user", "manager", "team"]
